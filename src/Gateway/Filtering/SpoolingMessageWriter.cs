using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Filtering;

/// <summary>Streams one message's bytes into its incoming spool file; discards the entry unless it was committed.</summary>
sealed class SpoolingMessageWriter(IncomingEntry entry, SmtpEnvelope envelope, MessageAcceptor acceptor) : IMessageWriter
{
    long sizeBytes;
    bool finished;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        await entry.Message.WriteAsync(content, cancellationToken);
        sizeBytes += content.Length;
    }

    public async ValueTask<SmtpReply> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        finished = true;
        return await acceptor.AcceptAsync(entry, envelope, sizeBytes, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        if (!finished)
        {
            finished = true;
            acceptor.Abort(entry, envelope);
        }
        return ValueTask.CompletedTask;
    }
}
