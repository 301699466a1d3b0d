namespace MailFilter.Gateway.Smtp;

/// <summary>Receives one message's content, exactly as the client sent it after dot-unstuffing.</summary>
public interface IMessageWriter : IAsyncDisposable
{
    ValueTask WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// The content is whole. Returns the reply for the end of DATA / the last BDAT chunk; a 2xx reply
    /// promises that the message is durable. Any exception is an internal fault: the session answers 451 4.3.0.
    /// </summary>
    ValueTask<SmtpReply> CompleteAsync(CancellationToken cancellationToken);
}
