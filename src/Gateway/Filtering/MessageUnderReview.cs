using MailFilter.Gateway.Smtp;
using MimeKit;

namespace MailFilter.Gateway.Filtering;

/// <summary>What a policy judges: the envelope, the parsed message (backed by the spool file) and its context.</summary>
/// <param name="QueueId">The id the message will have in the queue, for logs.</param>
/// <param name="Envelope">The SMTP envelope as the client gave it.</param>
/// <param name="Message">The parsed message; its content streams read from the spool file, so read them before returning.</param>
/// <param name="SpoolPath">The raw bytes exactly as received.</param>
/// <param name="SizeBytes">The size of the raw bytes.</param>
/// <param name="Direction">inbound, outbound or internal.</param>
public sealed record MessageUnderReview(
    string QueueId,
    SmtpEnvelope Envelope,
    MimeMessage Message,
    string SpoolPath,
    long SizeBytes,
    MessageDirection Direction);
