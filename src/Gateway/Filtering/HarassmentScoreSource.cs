using System.Globalization;
using MailFilter.Classifier;
using MailFilter.Classifier.Text;
using MimeKit;

namespace MailFilter.Gateway.Filtering;

/// <summary>The harassment classifier's probability as the rules' <c>classifier.harassment</c>, with its driving sentences and terms.</summary>
public sealed class HarassmentScoreSource(HarassmentClassifier classifier, int maxTextChars = MessageText.DefaultMaxChars) : RulesScoreSource
{
    public override ValueTask<IReadOnlyList<ExternalScore>> ScoreAsync(MimeMessage message, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ExternalScore>>([ToExternalScore(classifier.Score(message, maxTextChars))]);

    public static ExternalScore ToExternalScore(HarassmentScore score) => new(
        HarassmentScore.ScoreName,
        score.Probability,
        score.ModelVersion,
        [
            .. score.TopSentences.Select(s => $"sentence {Number(s.Probability)}: \"{s.Text}\""),
            .. score.TopTerms.Select(t => $"term {(t.Weight >= 0 ? "+" : "")}{Number(t.Weight)}: {t.Term}"),
        ]);

    static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
