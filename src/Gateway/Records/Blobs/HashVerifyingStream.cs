using System.Security.Cryptography;
using ZstdSharp;

namespace MailFilter.Gateway.Records.Blobs;

/// <summary>
/// Reads a decompressing stream through, hashing what passes; at the end of the stream the hash must equal the blob's
/// name, or the read throws <see cref="BlobIntegrityException"/>. A frame that no longer decodes throws the same.
/// </summary>
sealed class HashVerifyingStream(Stream inner, string sha256) : Stream
{
    readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    bool verified;
    long position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        int read;
        try
        {
            read = inner.Read(buffer);
        }
        catch (Exception e) when (e is ZstdException or InvalidDataException or EndOfStreamException)
        {
            throw Undecodable(e);
        }
        return Account(buffer[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
            return 0;
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (e is ZstdException or InvalidDataException or EndOfStreamException)
        {
            throw Undecodable(e);
        }
        return Account(buffer.Span[..read]);
    }

    int Account(ReadOnlySpan<byte> read)
    {
        if (read.Length > 0)
        {
            hash.AppendData(read);
            position += read.Length;
            return read.Length;
        }
        // A read of a non-empty buffer that returns nothing is the end of the blob: now the hash must match.
        if (!verified)
        {
            verified = true;
            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != sha256)
                throw new BlobIntegrityException(sha256, $"stored message {sha256} was altered: its bytes now hash to {actual}");
        }
        return 0;
    }

    BlobIntegrityException Undecodable(Exception e) =>
        new(sha256, $"stored message {sha256} was altered: it no longer decompresses ({e.Message})", e);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            hash.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        hash.Dispose();
        await base.DisposeAsync();
    }
}
