using System.Security.Cryptography;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Filtering;

/// <summary>
/// Streams one message's bytes into its incoming spool file, hashing them (SHA-256) as they pass, so the archive can
/// store them content-addressed without reading them again; discards the entry unless it was committed.
/// </summary>
sealed class SpoolingMessageWriter(IncomingEntry entry, SmtpEnvelope envelope, MessageAcceptor acceptor, HeaderSectionMeter headers) : IMessageWriter
{
    readonly IncrementalHash sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    long sizeBytes;
    bool finished;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        headers.Observe(content.Span);
        if (headers.Exceeded)
            return; // refused at the end of data; the rest is read from the client but not kept
        await entry.Message.WriteAsync(content, cancellationToken);
        sha256.AppendData(content.Span);
        sizeBytes += content.Length;
    }

    public async ValueTask<SmtpReply> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        finished = true;
        var hash = Convert.ToHexStringLower(sha256.GetHashAndReset());
        sha256.Dispose();
        if (headers.Exceeded)
            return acceptor.Refuse(entry, envelope, HeaderSectionTooLarge(headers.MaxBytes));
        return await acceptor.AcceptAsync(entry, envelope, sizeBytes, hash, cancellationToken);
    }

    public static SmtpReply HeaderSectionTooLarge(int maxBytes) => new(554, "5.6.0", $"Message header section exceeds {maxBytes} octets");

    public ValueTask DisposeAsync()
    {
        if (!finished)
        {
            finished = true;
            sha256.Dispose();
            acceptor.Abort(entry, envelope);
        }
        return ValueTask.CompletedTask;
    }
}
