namespace MailFilter.Gateway.Smtp;

/// <summary>
/// The one hand-off from the SMTP protocol to the rest of the gateway. The protocol layer calls
/// <see cref="BeginAsync"/> when a transaction's content starts (DATA or the first BDAT), streams the
/// unstuffed content bytes into the returned writer, and sends whatever reply
/// <see cref="IMessageWriter.CompleteAsync"/> returns. A writer disposed without being completed is an
/// aborted transaction (size limit, timeout, lost connection): nothing of it may be kept.
/// </summary>
public interface IMessageReceiver
{
    /// <exception cref="Exception">Any exception is an internal fault: the session answers 451 4.3.0.</exception>
    ValueTask<IMessageWriter> BeginAsync(SmtpEnvelope envelope, CancellationToken cancellationToken);
}
