namespace MailFilter.Rules.Evaluation;

/// <summary>A rule that fired on a message: its symbol, score, citations and evidence.</summary>
public sealed record FiredRule(
    string Id,
    string Category,
    double Score,
    string Description,
    IReadOnlyList<string> Policies,
    IReadOnlyList<Evidence> Evidence);
