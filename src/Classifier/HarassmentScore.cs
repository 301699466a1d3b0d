namespace MailFilter.Classifier;

/// <summary>
/// The classifier's judgement of one message: the probability that the sender's text harasses someone, the model
/// that judged it, and why — the sentences that scored highest and the terms that drove the deciding score.
/// </summary>
/// <param name="Probability">
/// The message score: <paramref name="WholeTextProbability"/>, or the top sentence's score less
/// <see cref="HarassmentClassifier.DefaultSentenceMargin"/> when that is higher, so one threat in a long mail is not diluted.
/// </param>
/// <param name="WholeTextProbability">The probability of the sender's text taken as a whole.</param>
public sealed record HarassmentScore(
    double Probability,
    string ModelVersion,
    double WholeTextProbability,
    IReadOnlyList<SentenceScore> TopSentences,
    IReadOnlyList<TermContribution> TopTerms)
{
    /// <summary>The name under which the rules see <see cref="Probability"/> in the message facts.</summary>
    public const string ScoreName = "classifier.harassment";
}
