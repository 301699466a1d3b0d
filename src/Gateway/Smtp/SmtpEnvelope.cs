using System.Net;

namespace MailFilter.Gateway.Smtp;

/// <summary>What the protocol knows about one mail transaction when its content starts.</summary>
/// <param name="SessionId">The session's id, for logs.</param>
/// <param name="RemoteEndPoint">The client's address.</param>
/// <param name="HeloName">The name the client gave in EHLO/HELO.</param>
/// <param name="IsTls">Whether the transaction ran over TLS (STARTTLS).</param>
/// <param name="AuthenticatedUser">The SASL identity, or null.</param>
/// <param name="IsTrustedClient">The client is on a trusted network or authenticated: it may relay.</param>
/// <param name="ReversePath">The MAIL FROM address; empty for the null reverse-path &lt;&gt;.</param>
/// <param name="Recipients">The accepted RCPT TO addresses, in order.</param>
/// <param name="Body">The BODY= parameter of MAIL FROM.</param>
/// <param name="SmtpUtf8">Whether MAIL FROM carried SMTPUTF8.</param>
/// <param name="DeclaredSize">The SIZE= parameter of MAIL FROM, if given.</param>
public sealed record SmtpEnvelope(
    string SessionId,
    IPEndPoint RemoteEndPoint,
    string HeloName,
    bool IsTls,
    string? AuthenticatedUser,
    bool IsTrustedClient,
    string ReversePath,
    IReadOnlyList<string> Recipients,
    SmtpBodyType Body,
    bool SmtpUtf8,
    long? DeclaredSize);
