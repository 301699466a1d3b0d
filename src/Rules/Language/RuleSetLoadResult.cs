namespace MailFilter.Rules.Language;

/// <summary>A loaded rule set, or the reasons it was refused (never both).</summary>
public sealed record RuleSetLoadResult(RuleSet? RuleSet, IReadOnlyList<RuleError> Errors)
{
    public bool Succeeded => RuleSet is not null && Errors.Count == 0;
}
