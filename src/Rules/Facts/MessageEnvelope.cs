namespace MailFilter.Rules.Facts;

/// <summary>The SMTP envelope of a message, and the client, when known.</summary>
/// <param name="MailFrom">The reverse-path; "" for the null sender.</param>
/// <param name="Recipients">The RCPT TO addresses.</param>
/// <param name="Client">The SMTP client, or null when scanning a file.</param>
/// <param name="Direction">A direction already decided by the caller, or null to derive it from the addresses.</param>
public sealed record MessageEnvelope(
    string MailFrom,
    IReadOnlyList<string> Recipients,
    ClientFacts? Client = null,
    MessageDirection? Direction = null);
