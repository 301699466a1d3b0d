namespace MailFilter.Gateway.Records;

/// <summary>One page of hits, newest first, and whether a next page has any.</summary>
public sealed record ArchiveSearchPage(IReadOnlyList<ArchiveSearchHit> Hits, int Page, int Limit, bool HasMore);
