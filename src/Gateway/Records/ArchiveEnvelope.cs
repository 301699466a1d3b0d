namespace MailFilter.Gateway.Records;

/// <summary>The SMTP envelope as the gateway saw it: the client, the reverse-path and every RCPT TO.</summary>
/// <param name="ClientAddress">The client's IP address, or "" (imported mail).</param>
/// <param name="ClientHelo">The EHLO/HELO name, or "".</param>
/// <param name="Sender">The reverse-path; "" for the null sender (bounces).</param>
/// <param name="Recipients">The envelope recipients, Bcc included.</param>
public sealed record ArchiveEnvelope(string ClientAddress, string ClientHelo, string Sender, IReadOnlyList<string> Recipients)
{
    public static readonly ArchiveEnvelope None = new("", "", "", []);
}
