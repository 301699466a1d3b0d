namespace MailFilter.Rules.Text;

/// <summary>A text as the rules see it: normalised tokens, each mapped back to the sender's own characters.</summary>
public sealed class NormalizedText
{
    public NormalizedText(string original, IReadOnlyList<Token> tokens)
    {
        Original = original;
        Tokens = tokens;
    }

    public string Original { get; }

    public IReadOnlyList<Token> Tokens { get; }

    /// <summary>The sender's text from token <paramref name="first"/> to token <paramref name="last"/>, inclusive.</summary>
    public string Quote(int first, int last)
    {
        var start = Tokens[first].Start;
        var end = Tokens[last].End;
        var quote = Original[start..end];
        return quote.Length <= 200 ? quote : quote[..200] + "…";
    }
}
