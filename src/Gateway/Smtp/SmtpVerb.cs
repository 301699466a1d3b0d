namespace MailFilter.Gateway.Smtp;

/// <summary>The commands the session knows (RFC 5321 §4.1.1, RFC 3207, RFC 3030).</summary>
internal enum SmtpVerb
{
    Ehlo,
    Helo,
    Mail,
    Rcpt,
    Data,
    Bdat,
    Rset,
    Noop,
    Quit,
    Vrfy,
    Help,
    StartTls,

    /// <summary>Known verbs this server does not implement (EXPN, AUTH, ETRN, TURN): 502, not 500.</summary>
    NotImplemented,
}
