namespace MailFilter.Gateway.Records.Blobs;

/// <summary>
/// Blobs written together: each file is synced as it is written, the directories that gained a name once, at
/// <see cref="CommitAsync"/>. Commit before committing the records that refer to the blobs.
/// </summary>
public interface IMessageBlobBatch : IAsyncDisposable
{
    /// <inheritdoc cref="IMessageBlobStore.PutAsync"/>
    Task<StoredBlob> PutAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken);

    /// <summary>Syncs every directory a blob of this batch was renamed into.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
