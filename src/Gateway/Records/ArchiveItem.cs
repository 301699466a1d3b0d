namespace MailFilter.Gateway.Records;

/// <summary>A message to archive: what is known about it, and how to read its bytes (twice: once to store, once to index).</summary>
/// <param name="Submission">Id, time, envelope, size, SHA-256, verdict.</param>
/// <param name="OpenContent">Opens the bytes as received, from the start (a queue file, an import's file or mbox slice).</param>
public sealed record ArchiveItem(ArchiveSubmission Submission, Func<CancellationToken, Task<Stream>> OpenContent);
