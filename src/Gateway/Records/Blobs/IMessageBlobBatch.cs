namespace MailFilter.Gateway.Records.Blobs;

/// <summary>
/// Blobs written together: each put compresses into a temporary file; <see cref="CommitAsync"/> syncs the files
/// together, moves them to their names and syncs each directory that gained a name once. Nothing is under its name
/// before the commit, and a batch disposed of uncommitted leaves nothing behind. Commit before committing the records
/// that refer to the blobs. One caller fills a batch.
/// </summary>
public interface IMessageBlobBatch : IAsyncDisposable
{
    /// <inheritdoc cref="IMessageBlobStore.PutAsync"/>
    Task<StoredBlob> PutAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken);

    /// <summary>Makes every blob of the batch durable under its name.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
