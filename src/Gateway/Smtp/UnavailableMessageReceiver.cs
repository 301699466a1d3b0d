namespace MailFilter.Gateway.Smtp;

/// <summary>Stands in when no <see cref="IMessageReceiver"/> is registered: every message gets 451 4.3.0, never a 250.</summary>
internal sealed class UnavailableMessageReceiver : IMessageReceiver
{
    public ValueTask<IMessageWriter> BeginAsync(SmtpEnvelope envelope, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No IMessageReceiver is registered: the gateway cannot take messages.");
}
