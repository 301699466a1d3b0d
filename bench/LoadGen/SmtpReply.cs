namespace MailFilter.Bench.LoadGen;

/// <summary>One SMTP reply: its three-digit code and every line of its text (multi-line for EHLO).</summary>
public readonly record struct SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public int Class => Code / 100;

    public string LastLine => Lines.Count > 0 ? Lines[^1] : "";

    public override string ToString() => LastLine;
}
