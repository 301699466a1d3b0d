namespace MailFilter.Rules.Evaluation;

/// <summary>What a rule matched: the text as the sender wrote it, and where ("subject", "body (text/html)").</summary>
public sealed record Evidence(string Part, string Text)
{
    public override string ToString() => $"\"{Text}\" in {Part}";
}
