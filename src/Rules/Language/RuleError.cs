namespace MailFilter.Rules.Language;

/// <summary>Why a rules file was refused: the file, the line and column (1-based), and the reason.</summary>
public sealed record RuleError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
