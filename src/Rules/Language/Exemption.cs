using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Language;

/// <summary>
/// A documented exception to one category: while it is in force, messages that meet its condition are not
/// acted on for that category (the rules still fire and are listed). Who approved it, why, and until when.
/// </summary>
public sealed record Exemption
{
    public required string Id { get; init; }

    public required string Category { get; init; }

    public required string ApprovedBy { get; init; }

    public required string Reason { get; init; }

    /// <summary>The last day the exemption is in force (UTC).</summary>
    public required DateOnly Expires { get; init; }

    public required ICondition Condition { get; init; }

    public required SourceLocation Source { get; init; }

    public bool IsInForce(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) <= Expires;
}
