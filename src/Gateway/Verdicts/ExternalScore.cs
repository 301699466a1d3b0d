namespace MailFilter.Gateway.Verdicts;

/// <summary>
/// A score computed outside the rules (e.g. <c>classifier.harassment</c>) as the rules saw it, the model that computed
/// it, and what drove it: the sentences that scored highest and the terms that weighed most.
/// </summary>
public sealed record ExternalScore(
    string Name,
    double Value,
    string Model,
    IReadOnlyList<ScoredSentence> Sentences,
    IReadOnlyList<WeightedTerm> Terms)
{
    /// <summary>The name without its engine prefix: "classifier.harassment" → "harassment".</summary>
    public string ShortName => Name[(Name.IndexOf('.') + 1)..];
}

/// <summary>A sentence of the message and its own score.</summary>
public sealed record ScoredSentence(string Text, double Score);

/// <summary>A term and how much it pushed the score up (positive) or down.</summary>
public sealed record WeightedTerm(string Term, double Weight);
