using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace MailFilter.Gateway.Records.Import;

/// <summary>A message's bytes (in memory up to 16 MiB; a larger one is read from its file each time it is opened) and their SHA-256.</summary>
sealed record LoadedMessage(ImportSource Source, string Sha256, byte[]? Bytes)
{
    public const long InMemoryBytes = 16L << 20;

    public Stream Open() => Bytes is not null
        ? new MemoryStream(Bytes, writable: false)
        : new MimeKit.IO.BoundStream(new FileStream(Source.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            Source.Offset, Source.Offset + Source.Length, leaveOpen: false);

    /// <summary>Reads messages file by file, keeping the current file open (an mbox holds thousands).</summary>
    public sealed class Reader : IDisposable
    {
        string? path;
        SafeFileHandle? handle;

        public async Task<LoadedMessage> LoadAsync(ImportSource source, CancellationToken cancellationToken)
        {
            if (source.Length > InMemoryBytes)
                return await HashLargeAsync(source, cancellationToken);
            if (path != source.FilePath)
            {
                handle?.Dispose();
                handle = null;
                handle = File.OpenHandle(source.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read);
                path = source.FilePath;
            }
            var bytes = new byte[source.Length];
            var total = 0;
            while (total < bytes.Length)
            {
                var read = await RandomAccess.ReadAsync(handle!, bytes.AsMemory(total), source.Offset + total, cancellationToken);
                if (read == 0)
                    throw new IOException($"{source.FilePath} ended early: it changed while being imported");
                total += read;
            }
            return new LoadedMessage(source, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);
        }

        static async Task<LoadedMessage> HashLargeAsync(ImportSource source, CancellationToken cancellationToken)
        {
            var large = new LoadedMessage(source, "", null);
            await using var stream = large.Open();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                hash.AppendData(buffer, 0, read);
            return large with { Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()) };
        }

        public void Dispose() => handle?.Dispose();
    }
}
