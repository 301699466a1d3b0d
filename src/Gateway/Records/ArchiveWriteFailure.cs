namespace MailFilter.Gateway.Records;

/// <summary>A message of a batch that was not archived, and why (its bytes no longer match its hash, its file is gone).</summary>
public sealed record ArchiveWriteFailure(string Id, string Reason);
