namespace MailFilter.Gateway.Filtering;

/// <summary>
/// A score computed outside the rules (e.g. <c>classifier.harassment</c>), as the rules saw it, with what drove it
/// (the sentences and terms a reviewer reads to judge the score) and the model that computed it.
/// </summary>
public sealed record ExternalScore(string Name, double Value, string Model, IReadOnlyList<string> Explanation);
