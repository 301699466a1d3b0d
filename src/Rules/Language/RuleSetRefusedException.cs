namespace MailFilter.Rules.Language;

/// <summary>The rules could not be loaded at all (there is no last good set to keep).</summary>
public sealed class RuleSetRefusedException(IReadOnlyList<RuleError> errors)
    : Exception($"the policy rules were refused: {string.Join("; ", errors.Take(5))}{(errors.Count > 5 ? $" (and {errors.Count - 5} more)" : "")}")
{
    public IReadOnlyList<RuleError> Errors { get; } = errors;
}
