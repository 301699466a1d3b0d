namespace MailFilter.Gateway.Smtp;

/// <summary>The replies the protocol layer itself gives, with RFC 3463 enhanced status codes.</summary>
internal static class SmtpReplies
{
    public static readonly SmtpReply Ok = new(250, "2.0.0", "Ok");
    public static readonly SmtpReply SenderOk = new(250, "2.1.0", "Sender ok");
    public static readonly SmtpReply RecipientOk = new(250, "2.1.5", "Recipient ok");
    public static readonly SmtpReply Bye = new(221, "2.0.0", "Bye");
    public static readonly SmtpReply StartMailInput = new(354, "", "End data with <CR><LF>.<CR><LF>");
    public static readonly SmtpReply ReadyToStartTls = new(220, "2.0.0", "Ready to start TLS");
    public static readonly SmtpReply CannotVerify = new(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
    public static readonly SmtpReply Help = new(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS; see RFC 5321");

    public static readonly SmtpReply CommandUnrecognized = new(500, "5.5.2", "Command unrecognized");
    public static readonly SmtpReply CommandLineTooLong = new(500, "5.5.2", "Line too long");
    public static readonly SmtpReply CommandNotImplemented = new(502, "5.5.1", "Command not implemented");
    public static readonly SmtpReply BadSenderSyntax = new(501, "5.1.7", "Bad sender address syntax");
    public static readonly SmtpReply BadRecipientSyntax = new(501, "5.1.3", "Bad recipient address syntax");
    public static readonly SmtpReply NonAsciiAddressWithoutSmtpUtf8 = new(553, "5.6.7", "Non-ASCII address requires SMTPUTF8");
    public static readonly SmtpReply MessageTooBig = new(552, "5.3.4", "Message size exceeds fixed maximum message size");
    public static readonly SmtpReply TooManyRecipients = new(452, "4.5.3", "Too many recipients");
    public static readonly SmtpReply NoValidRecipients = new(554, "5.5.1", "No valid recipients");
    public static readonly SmtpReply RelayDenied = new(554, "5.7.1", "Relay access denied");
    public static readonly SmtpReply BareLineEnding = new(550, "5.6.11", "Message contains a bare CR or LF; lines must end with CRLF");
    public static readonly SmtpReply TlsNotAvailable = new(454, "4.7.0", "TLS not available due to temporary reason");
    public static readonly SmtpReply TlsAlreadyActive = new(554, "5.5.1", "TLS already active");
    public static readonly SmtpReply LocalError = SmtpReply.LocalError();

    public static readonly SmtpReply Timeout = new(421, "4.4.2", "Timeout exceeded, closing connection");
    public static readonly SmtpReply DataTooSlow = new(421, "4.4.2", "Data transfer too slow, closing connection");
    public static readonly SmtpReply SessionTooLong = new(421, "4.4.2", "Session time limit exceeded, closing connection");
    public static readonly SmtpReply TooManyErrors = new(421, "4.7.0", "Too many errors, closing connection");
    public static readonly SmtpReply ShuttingDown = new(421, "4.3.2", "Service shutting down, closing connection");
    public static readonly SmtpReply TooManyConnections = new(421, "4.3.2", "Too many connections, try again later");
    public static readonly SmtpReply TooManyConnectionsFromClient = new(421, "4.7.0", "Too many connections from your address, try again later");

    public static SmtpReply Syntax(string text) => new(501, "5.5.4", text);

    public static SmtpReply UnsupportedParameter(string keyword) => new(555, "5.5.4", $"Unsupported parameter {keyword}");

    public static SmtpReply TextLineTooLong(int limit) => new(554, "5.6.0", $"Message has a line longer than {limit} octets");

    public static SmtpReply ChunkReceived(long octets) => new(250, "2.0.0", $"{octets} octets received");
}
