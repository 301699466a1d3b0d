namespace MailFilter.Gateway.Records.Blobs;

/// <summary>The blobs of one ingest batch: each file synced as written, each directory once at commit.</summary>
sealed class FileBlobBatch(FileBlobStore store) : IMessageBlobBatch
{
    readonly HashSet<string> directoriesToSync = new(StringComparer.Ordinal);

    public Task<StoredBlob> PutAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken) =>
        store.WriteAsync(content, expectedSha256, directoriesToSync, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        // Deepest first: a new leaf directory's own name is made durable by syncing its parent.
        foreach (var directory in directoriesToSync.OrderByDescending(d => d.Length))
        {
            cancellationToken.ThrowIfCancellationRequested();
            DirectorySync.Sync(directory);
        }
        directoriesToSync.Clear();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
