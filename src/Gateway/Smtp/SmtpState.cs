namespace MailFilter.Gateway.Smtp;

/// <summary>Where a session stands; <see cref="SmtpStateTable"/> says what each state allows.</summary>
internal enum SmtpState
{
    /// <summary>Connected, or just after STARTTLS: the client must say EHLO or HELO.</summary>
    AwaitingHello,

    /// <summary>Greeted, no mail transaction open.</summary>
    Ready,

    /// <summary>MAIL accepted, no recipient accepted yet.</summary>
    MailGiven,

    /// <summary>At least one recipient accepted: DATA or BDAT may start the content.</summary>
    RecipientsGiven,

    /// <summary>Inside a BDAT transaction: only more BDAT chunks (or RSET) may follow.</summary>
    ReceivingChunks,
}
