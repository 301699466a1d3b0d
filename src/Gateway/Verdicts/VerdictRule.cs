namespace MailFilter.Gateway.Verdicts;

/// <summary>One rule that fired: a named, scored symbol in a category, the policy clauses it enforces, and what it matched.</summary>
/// <param name="Id">The rule id, e.g. "PROFANITY_STRONG".</param>
/// <param name="Category">The policy category, e.g. "profanity".</param>
/// <param name="Score">What the rule added to its category's score.</param>
/// <param name="Description">What the rule looks for, in a reviewer's words.</param>
/// <param name="Policies">The policy clauses the rule cites.</param>
/// <param name="Evidence">What made it fire.</param>
public sealed record VerdictRule(
    string Id,
    string Category,
    double Score,
    string Description,
    IReadOnlyList<string> Policies,
    IReadOnlyList<VerdictEvidence> Evidence);
