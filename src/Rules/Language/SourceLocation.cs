namespace MailFilter.Rules.Language;

/// <summary>Where a rule, list or exemption was written.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
