namespace MailFilter.Gateway.Smtp;

/// <summary>An SMTP reply: a basic code (RFC 5321), an enhanced status code (RFC 3463) and text.</summary>
public readonly record struct SmtpReply(int Code, string EnhancedCode, string Text)
{
    public bool IsPositive => Code is >= 200 and < 400;
    public bool IsTransientFailure => Code is >= 400 and < 500;
    public bool IsPermanentFailure => Code >= 500;

    public static SmtpReply Ok(string text) => new(250, "2.0.0", text);
    public static SmtpReply LocalError(string text = "Local error in processing, try again later") => new(451, "4.3.0", text);

    public override string ToString() => $"{Code} {EnhancedCode} {Text}";
}
