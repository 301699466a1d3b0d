using Microsoft.Extensions.Logging.Abstractions;

namespace MailFilter.Gateway.Smtp;

/// <summary>What every session of one server shares.</summary>
/// <param name="Certificates">The STARTTLS certificate source, or null when STARTTLS is off.</param>
internal sealed record SmtpSessionServices(
    SmtpOptions Options,
    SmtpRelayPolicy Relay,
    IMessageReceiver Receiver,
    SmtpCertificateProvider? Certificates,
    ILogger Logger)
{
    public static SmtpSessionServices Create(SmtpOptions options, IMessageReceiver receiver, SmtpCertificateProvider? certificates = null, ILogger? logger = null) =>
        new(options, new SmtpRelayPolicy(options), receiver, certificates, logger ?? NullLogger.Instance);
}
