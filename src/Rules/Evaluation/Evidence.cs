namespace MailFilter.Rules.Evaluation;

/// <summary>
/// What a rule matched: the text as the sender wrote it, and where ("subject", "body (text/html)"). For a match in a
/// text the message's facts hold, <see cref="Start"/> and <see cref="Length"/> locate the quote in that text.
/// </summary>
public sealed record Evidence(string Part, string Text, int? Start = null, int? Length = null)
{
    public override string ToString() => $"\"{Text}\" in {Part}";
}
