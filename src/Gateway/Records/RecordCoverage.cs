namespace MailFilter.Gateway.Records;

/// <summary>A record and what the search index could not see in it.</summary>
public sealed record RecordCoverage(string RecordId, DateTimeOffset ReceivedAt, IReadOnlyList<CoverageGap> Gaps);
