using MailFilter.Classifier.Training;

namespace MailFilter.Classifier.Evaluation;

/// <summary>Scores labelled examples with a classifier and reports how well the scores separate them.</summary>
public static class HarassmentEvaluator
{
    public static EvaluationReport Evaluate(HarassmentClassifier classifier, IReadOnlyList<LabelledExample> examples, IEnumerable<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(examples);
        var scores = examples.Select(e => (Score: classifier.ScoreAuthored(Text.AuthoredText.Extract(e.Text), explain: false), e.Label)).ToList();
        var report = EvaluationReport.From(scores.Select(s => (s.Score.Probability, s.Label)).ToList(), thresholds);
        var whole = EvaluationReport.From(scores.Select(s => (s.Score.WholeTextProbability, s.Label)).ToList(), []);
        return report with { WholeTextRocAuc = whole.RocAuc };
    }
}
