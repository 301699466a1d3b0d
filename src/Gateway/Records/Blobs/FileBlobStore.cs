using System.Security.Cryptography;
using ZstdSharp;

namespace MailFilter.Gateway.Records.Blobs;

/// <summary>
/// Blobs as files: <c>ROOT/ab/cd/abcd….zst</c>, named by the lower-case hex SHA-256 of the original bytes (two levels
/// of fan-out keep a directory to a few thousand names at tens of millions of messages), zstd-compressed. A blob is
/// written to <c>ROOT/incoming/</c>, synced, then renamed into place, so a crash leaves either the whole blob or none;
/// the directory that gained the name is synced before the blob counts as stored.
/// </summary>
public sealed class FileBlobStore : IMessageBlobStore
{
    const string Extension = ".zst";
    const int BufferBytes = 64 * 1024;
    static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    readonly string incoming;
    readonly int compressionLevel;

    /// <param name="root">The blob directory, e.g. DATA/archive/blobs; created if missing.</param>
    /// <param name="compressionLevel">zstd level: 3 (the default) is fast and about halves a text message.</param>
    public FileBlobStore(string root, int compressionLevel = 3)
    {
        Root = Path.GetFullPath(root);
        incoming = Path.Combine(Root, "incoming");
        this.compressionLevel = compressionLevel;
        Directory.CreateDirectory(incoming);
        RemoveAbandonedTemporaryFiles();
    }

    public string Root { get; }

    /// <summary>Where the blob named <paramref name="sha256"/> lives (whether or not it exists).</summary>
    public string PathOf(string sha256)
    {
        var name = BlobName.Require(sha256);
        return Path.Combine(Root, name[..2], name[2..4], name + Extension);
    }

    public async Task<StoredBlob> PutAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken)
    {
        await using var batch = BeginBatch();
        var stored = await batch.PutAsync(content, expectedSha256, cancellationToken);
        await batch.CommitAsync(cancellationToken);
        return stored;
    }

    public IMessageBlobBatch BeginBatch() => new FileBlobBatch(this);

    public Task<Stream> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = BlobName.Require(sha256);
        FileStream file;
        try
        {
            file = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferBytes, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(name);
        }
        var decompressed = new DecompressionStream(file, leaveOpen: false);
        return Task.FromResult<Stream>(new HashVerifyingStream(decompressed, name));
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    public async Task<BlobCondition> VerifyAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await OpenAsync(sha256, cancellationToken);
            await stream.CopyToAsync(Stream.Null, BufferBytes, cancellationToken);
            return BlobCondition.Intact;
        }
        catch (BlobNotFoundException)
        {
            return BlobCondition.Missing;
        }
        catch (BlobIntegrityException)
        {
            return BlobCondition.Altered;
        }
    }

    public Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(sha256);
        if (!File.Exists(path))
            return Task.FromResult(false);
        File.Delete(path);
        DirectorySync.Sync(Path.GetDirectoryName(path)!);
        return Task.FromResult(true);
    }

    /// <summary>Writes one blob into place; the directories to sync are added to <paramref name="directoriesToSync"/>.</summary>
    internal async Task<StoredBlob> WriteAsync(Stream content, string? expectedSha256, ISet<string> directoriesToSync, CancellationToken cancellationToken)
    {
        var expected = expectedSha256 is null ? null : BlobName.Require(expectedSha256);
        var temporary = Path.Combine(incoming, $"{Guid.NewGuid():N}.tmp");
        try
        {
            var (sha256, size, stored) = await CompressAsync(content, temporary, cancellationToken);
            if (expected is not null && expected != sha256)
                throw new BlobIntegrityException(expected, $"message bytes hash to {sha256}, not to the expected {expected}: not stored");
            var destination = PathOf(sha256);
            if (File.Exists(destination))
                return new StoredBlob(sha256, size, stored, Written: false);
            MoveIntoPlace(temporary, destination, directoriesToSync);
            return new StoredBlob(sha256, size, stored, Written: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    async Task<(string Sha256, long SizeBytes, long StoredBytes)> CompressAsync(Stream content, string temporary, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, FileOptions.Asynchronous);
        await using (var compressor = new CompressionStream(file, compressionLevel, leaveOpen: true))
        {
            var buffer = new byte[BufferBytes];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
                await compressor.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        await file.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size, file.Length);
    }

    void MoveIntoPlace(string temporary, string destination, ISet<string> directoriesToSync)
    {
        var leaf = Path.GetDirectoryName(destination)!;
        var middle = Path.GetDirectoryName(leaf)!;
        if (!Directory.Exists(middle))
        {
            Directory.CreateDirectory(middle);
            directoriesToSync.Add(Root);
        }
        if (!Directory.Exists(leaf))
        {
            Directory.CreateDirectory(leaf);
            directoriesToSync.Add(middle);
        }
        try
        {
            File.Move(temporary, destination, overwrite: false);
        }
        catch (IOException) when (File.Exists(destination))
        {
            // Another writer stored the same bytes first: the blob is there, which is all that was asked.
            return;
        }
        directoriesToSync.Add(leaf);
    }

    void RemoveAbandonedTemporaryFiles()
    {
        // Another process (an import beside a running serve) may be writing right now: only old leftovers are a crash's.
        foreach (var file in new DirectoryInfo(incoming).EnumerateFiles("*.tmp"))
            if (DateTime.UtcNow - file.LastWriteTimeUtc > AbandonedAfter)
                file.Delete();
    }
}
