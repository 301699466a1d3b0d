namespace MailFilter.Rules.Text;

/// <summary>One normalised word and where it came from in the original text.</summary>
/// <param name="Value">The normalised form (folded, de-confused, de-leeted).</param>
/// <param name="Start">Offset of the first original character.</param>
/// <param name="End">Offset just past the last original character.</param>
public readonly record struct Token(string Value, int Start, int End)
{
    /// <summary>Whether the word repeats a letter three or more times in a row ("shiiit").</summary>
    public bool IsStretched => CharacterFolding.HasStretch(Value);
}
