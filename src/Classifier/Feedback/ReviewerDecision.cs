using MailFilter.Classifier.Training;

namespace MailFilter.Classifier.Feedback;

/// <summary>
/// One reviewer's decision about one message, with its provenance. Decisions are kept in their own file, apart
/// from the base corpus, and reach a model only when someone names that file to <c>classifier train</c>.
/// </summary>
/// <param name="Text">The sender's text as the classifier scored it.</param>
public sealed record ReviewerDecision(
    string MessageId,
    string Reviewer,
    DateTimeOffset DecidedAt,
    ReviewVerdict Verdict,
    string Text,
    string? ModelVersion = null,
    double? Probability = null)
{
    public LabelledExample ToExample(float weight) =>
        new(Text, Verdict == ReviewVerdict.ConfirmedHarassment, $"review {MessageId} by {Reviewer} at {DecidedAt:O}", weight);
}
