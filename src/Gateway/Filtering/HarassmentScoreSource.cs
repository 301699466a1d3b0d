using MailFilter.Classifier;
using MailFilter.Classifier.Text;
using MailFilter.Gateway.Verdicts;
using MimeKit;

namespace MailFilter.Gateway.Filtering;

/// <summary>The harassment classifier's probability as the rules' <c>classifier.harassment</c>, with its driving sentences and terms.</summary>
public sealed class HarassmentScoreSource(HarassmentClassifier classifier, int maxTextChars = MessageText.DefaultMaxChars) : RulesScoreSource
{
    public override ValueTask<IReadOnlyList<ExternalScore>> ScoreAsync(MimeMessage message, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ExternalScore>>([ToExternalScore(classifier.Score(message, maxTextChars))]);

    public override string Name => "harassment";

    public override string ModelVersion => classifier.ModelVersion;

    public override void WarmUp() => classifier.WarmUp();

    public static ExternalScore ToExternalScore(HarassmentScore score) => new(
        HarassmentScore.ScoreName,
        Math.Round(score.Probability, 6),
        score.ModelVersion,
        [.. score.TopSentences.Select(s => new ScoredSentence(s.Text, Math.Round(s.Probability, 6)))],
        [.. score.TopTerms.Select(t => new WeightedTerm(t.Term, Math.Round(t.Weight, 4)))]);
}
