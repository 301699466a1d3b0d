namespace MailFilter.Gateway.Records;

/// <summary>What a batch did: the records it added and those already there (a batch ingested again after a crash).</summary>
public sealed record ArchiveIngestResult(IReadOnlyList<string> Added, IReadOnlyList<string> AlreadyPresent);
