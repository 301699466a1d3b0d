namespace MailFilter.Gateway.Records.Archiving;

/// <summary>What one archive batch did.</summary>
/// <param name="Added">Entries whose record (and blob) this batch added.</param>
/// <param name="Archived">Every entry of the batch now in the archive (added now or before) that is still queued.</param>
/// <param name="Completed">Finished entries whose outcome is recorded and whose file was removed from done.</param>
/// <param name="Gone">Entries no longer in the queue, or in corrupt (archived when repaired and released): nothing to do.</param>
/// <param name="Failed">Entries this batch could not take (unreadable, bytes that no longer match their SHA-256): retried later.</param>
/// <param name="Deliveries">Delivery events written.</param>
public sealed record ArchiveBatchResult(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Archived,
    IReadOnlyList<string> Completed,
    IReadOnlyList<string> Gone,
    IReadOnlyList<ArchiveWork> Failed,
    int Deliveries);
