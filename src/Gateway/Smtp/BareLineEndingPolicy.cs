namespace MailFilter.Gateway.Smtp;

/// <summary>
/// What the server does with a bare LF or a bare CR inside message content. Either way a bare line ending
/// never ends DATA: only CRLF "." CRLF does, so a "\n.\n" inside a message cannot smuggle a second message.
/// </summary>
public enum BareLineEndingPolicy
{
    /// <summary>Each bare LF or bare CR is written as CRLF, so the content handed on is canonical.</summary>
    Normalize,

    /// <summary>The message is read to its end, discarded and refused with 550 5.6.11.</summary>
    Reject,
}
