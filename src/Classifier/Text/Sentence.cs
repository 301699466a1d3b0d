namespace MailFilter.Classifier.Text;

/// <summary>One sentence of authored text, with its position in that text.</summary>
public readonly record struct Sentence(int Start, int Length)
{
    public ReadOnlySpan<char> In(string text) => text.AsSpan(Start, Length);
}
