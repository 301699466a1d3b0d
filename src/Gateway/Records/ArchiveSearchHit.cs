using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Records;

/// <summary>One search result: what a listing shows and a manifest needs, without the verdict and the history.</summary>
public sealed record ArchiveSearchHit(
    string Id,
    string MessageId,
    DateTimeOffset ReceivedAt,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    VerdictAction Action,
    IReadOnlyList<string> Categories,
    string Direction,
    long SizeBytes,
    string Sha256);
