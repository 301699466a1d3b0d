using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using MailFilter.Gateway.Storage;
using ZstdSharp;

namespace MailFilter.Gateway.Records.Blobs;

/// <summary>
/// Blobs as files: <c>ROOT/ab/cd/abcd….zst</c>, named by the lower-case hex SHA-256 of the original bytes (two levels
/// of fan-out keep a directory to a few thousand names at tens of millions of messages), zstd-compressed. A blob is
/// written to <c>ROOT/incoming/</c>, synced, then renamed into place, so a crash leaves either the whole blob or none;
/// the directory that gained the name is synced before the blob counts as stored. In a batch, the files are synced
/// together (in parallel, so the file system can commit them as a group) and the directories once each, at commit.
/// </summary>
public sealed class FileBlobStore : IMessageBlobStore
{
    const string Extension = ".zst";
    const int BufferBytes = 64 * 1024;
    const int InMemoryBytes = 1024 * 1024;
    static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    readonly string incoming;
    readonly int compressionLevel;
    readonly ConcurrentBag<Compressor> compressors = [];
    readonly ConcurrentDictionary<string, bool> knownDirectories = new(StringComparer.Ordinal);

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

    /// <summary>
    /// Compresses the bytes into a temporary file while hashing them, without syncing: the batch syncs its files
    /// together at commit, then renames them. A message up to <see cref="InMemoryBytes"/> is compressed in one call
    /// with a pooled compressor; a larger one streams.
    /// </summary>
    internal async Task<StagedBlob> StageAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken)
    {
        var expected = expectedSha256 is null ? null : BlobName.Require(expectedSha256);
        var temporary = Path.Combine(incoming, $"{Guid.NewGuid():N}.tmp");
        var head = ArrayPool<byte>.Shared.Rent(InMemoryBytes + 1);
        try
        {
            var filled = await content.ReadAtLeastAsync(head.AsMemory(0, InMemoryBytes + 1), InMemoryBytes + 1, throwOnEndOfStream: false, cancellationToken);
            var staged = filled <= InMemoryBytes
                ? await CompressSmallAsync(head.AsMemory(0, filled), temporary, cancellationToken)
                : await CompressLargeAsync(head.AsMemory(0, filled), content, temporary, cancellationToken);
            if (expected is not null && expected != staged.Sha256)
                throw new BlobIntegrityException(expected, $"message bytes hash to {staged.Sha256}, not to the expected {expected}: not stored");
            return staged;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    async Task<StagedBlob> CompressSmallAsync(ReadOnlyMemory<byte> message, string temporary, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(message.Span));
        var compressed = ArrayPool<byte>.Shared.Rent(Compressor.GetCompressBound(message.Length));
        try
        {
            if (!compressors.TryTake(out var compressor))
                compressor = new Compressor(compressionLevel);
            if (!compressor.TryWrap(message.Span, compressed, out var written))
                throw new InvalidOperationException("zstd output larger than its own bound");
            compressors.Add(compressor);
            using var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write);
            await RandomAccess.WriteAsync(file, compressed.AsMemory(0, written), 0, cancellationToken);
            return new StagedBlob(temporary, sha256, message.Length, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    async Task<StagedBlob> CompressLargeAsync(ReadOnlyMemory<byte> head, Stream rest, string temporary, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = head.Length;
        hash.AppendData(head.Span);
        await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes);
        await using (var compressor = new CompressionStream(file, compressionLevel, leaveOpen: true))
        {
            await compressor.WriteAsync(head, cancellationToken);
            var buffer = new byte[BufferBytes];
            int read;
            while ((read = await rest.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
                await compressor.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        await file.FlushAsync(cancellationToken);
        return new StagedBlob(temporary, Convert.ToHexStringLower(hash.GetHashAndReset()), size, file.Length);
    }

    /// <summary>Syncs a staged file's bytes to disk (before its rename makes it visible under its name).</summary>
    internal static void SyncStaged(StagedBlob staged)
    {
        using var file = File.OpenHandle(staged.TemporaryPath, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.FlushToDisk(file);
    }

    /// <summary>Renames a synced staged file to its name; the directories that gained a name go to <paramref name="directoriesToSync"/>.</summary>
    internal void MoveIntoPlace(StagedBlob staged, ISet<string> directoriesToSync)
    {
        var destination = PathOf(staged.Sha256);
        var leaf = Path.GetDirectoryName(destination)!;
        if (!knownDirectories.ContainsKey(leaf))
        {
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
            knownDirectories.TryAdd(leaf, true);
        }
        try
        {
            File.Move(staged.TemporaryPath, destination, overwrite: false);
            directoriesToSync.Add(leaf);
        }
        catch (IOException) when (File.Exists(destination))
        {
            // Another writer stored the same bytes first: the blob is there, which is all that was asked.
            File.Delete(staged.TemporaryPath);
        }
    }

    void RemoveAbandonedTemporaryFiles()
    {
        // Another process (an import beside a running serve) may be writing right now: only old leftovers are a crash's.
        foreach (var file in new DirectoryInfo(incoming).EnumerateFiles("*.tmp"))
            if (DateTime.UtcNow - file.LastWriteTimeUtc > AbandonedAfter)
                file.Delete();
    }
}
