namespace MailFilter.Gateway.Records.Audit;

/// <summary>A page of the audit log: entries at or after <see cref="Since"/>, by <see cref="Actor"/> when given.</summary>
public sealed record AuditListQuery
{
    public DateTimeOffset? Since { get; init; }

    public string? Actor { get; init; }

    public int Limit { get; init; } = 100;

    /// <summary>From 1.</summary>
    public int Page { get; init; } = 1;
}
