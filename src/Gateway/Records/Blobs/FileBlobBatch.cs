using MailFilter.Gateway.Storage;

namespace MailFilter.Gateway.Records.Blobs;

/// <summary>
/// The blobs of one ingest batch. Each put compresses into a temporary file; <see cref="CommitAsync"/> syncs them all
/// (several at once: the file system commits concurrent syncs as a group), renames each into place, then syncs each
/// directory that gained a name once. Not for concurrent use: one caller fills a batch.
/// </summary>
sealed class FileBlobBatch(FileBlobStore store) : IMessageBlobBatch
{
    const int ConcurrentSyncs = 8;
    readonly Dictionary<string, StagedBlob> staged = new(StringComparer.Ordinal);

    public async Task<StoredBlob> PutAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken)
    {
        var blob = await store.StageAsync(content, expectedSha256, cancellationToken);
        if (staged.ContainsKey(blob.Sha256) || store.Exists(blob.Sha256))
        {
            File.Delete(blob.TemporaryPath);
            return new StoredBlob(blob.Sha256, blob.SizeBytes, blob.StoredBytes, Written: false);
        }
        staged[blob.Sha256] = blob;
        return new StoredBlob(blob.Sha256, blob.SizeBytes, blob.StoredBytes, Written: true);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentSyncs, CancellationToken = cancellationToken };
        // Data first: a name must never point at bytes a crash could still lose.
        await Parallel.ForEachAsync(staged.Values, options, (blob, _) =>
        {
            FileBlobStore.SyncStaged(blob);
            return ValueTask.CompletedTask;
        });
        var directories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var blob in staged.Values)
            store.MoveIntoPlace(blob, directories);
        staged.Clear();
        await Parallel.ForEachAsync(directories, options, (directory, _) =>
        {
            DirectorySync.Sync(directory);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Blobs put but never committed are removed: nothing refers to them.</summary>
    public ValueTask DisposeAsync()
    {
        foreach (var blob in staged.Values)
            File.Delete(blob.TemporaryPath);
        staged.Clear();
        return ValueTask.CompletedTask;
    }
}
