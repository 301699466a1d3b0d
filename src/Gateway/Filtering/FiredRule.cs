namespace MailFilter.Gateway.Filtering;

/// <summary>One rule that fired: a named, scored symbol in a category, with the text it matched.</summary>
/// <param name="Id">The rule id, e.g. "profanity.strong-language".</param>
/// <param name="Category">The policy category, e.g. "profanity".</param>
/// <param name="Score">What the rule added to its category's score.</param>
/// <param name="Description">What the rule looks for, in a reviewer's words.</param>
/// <param name="Evidence">The matched text (or feature) that made it fire.</param>
/// <param name="PolicyReference">The policy clause the rule enforces, if it names one.</param>
public sealed record FiredRule(
    string Id,
    string Category,
    double Score,
    string Description,
    IReadOnlyList<string> Evidence,
    string? PolicyReference = null);
