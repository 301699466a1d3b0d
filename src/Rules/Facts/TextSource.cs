using MailFilter.Rules.Text;

namespace MailFilter.Rules.Facts;

/// <summary>One piece of text the rules read, with a label a compliance officer understands ("body (text/html)").</summary>
public sealed class TextSource(TextKind kind, string label, string text)
{
    NormalizedText? normalized;

    public TextKind Kind { get; } = kind;

    public string Label { get; } = label;

    public string Text { get; } = text;

    /// <summary>Normalised on first use and kept: every rule reads the same tokens.</summary>
    public NormalizedText Normalized => normalized ??= TextNormalizer.Normalize(Text);
}
