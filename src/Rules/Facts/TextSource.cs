using MailFilter.Rules.Evaluation;
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

    /// <summary>Evidence quoting this text from token <paramref name="first"/> to token <paramref name="last"/>, with its place in <see cref="Text"/>.</summary>
    public Evidence Quote(int first, int last)
    {
        var start = Normalized.Tokens[first].Start;
        var length = Normalized.Tokens[last].End - start;
        return new Evidence(Label, Normalized.Quote(first, last), start, length);
    }

    /// <summary>Evidence quoting <paramref name="length"/> characters of this text from <paramref name="start"/>.</summary>
    public Evidence Quote(int start, int length, string quote) => new(Label, quote, start, length);
}
