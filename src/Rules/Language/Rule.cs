using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Language;

/// <summary>One policy rule: when its condition holds it emits a scored symbol in its category, with evidence.</summary>
public sealed record Rule
{
    public required string Id { get; init; }

    public required string Category { get; init; }

    public required string Description { get; init; }

    /// <summary>The policy clauses this rule enforces, as a compliance officer would cite them.</summary>
    public required IReadOnlyList<string> Policies { get; init; }

    public required double Score { get; init; }

    public required ICondition Condition { get; init; }

    public IReadOnlyList<RuleExample> Examples { get; init; } = [];

    public bool Enabled { get; init; } = true;

    /// <summary>Rules this one tests with <c>rule:</c>; they are evaluated first.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>
    /// Tests <c>scan_incomplete</c>, itself or through <c>rule:</c>. Such rules are evaluated after every other,
    /// because a rule may find the scan incomplete while it runs (a regex that ran out of time).
    /// </summary>
    public bool ReadsScanCompleteness { get; init; }

    public required SourceLocation Source { get; init; }
}
