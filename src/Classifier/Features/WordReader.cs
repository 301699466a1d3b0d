namespace MailFilter.Classifier.Features;

/// <summary>
/// Reads a text's normalised words one at a time, as <see cref="FeatureSpace"/> defines them: runs of letters and
/// digits, lower-cased, letters repeated more than twice shortened; tokens longer than
/// <see cref="FeatureSpace.MaxTokenChars"/> are skipped.
/// </summary>
internal ref struct WordReader(ReadOnlySpan<char> text, Span<char> buffer)
{
    /// <summary>The size of the buffer to pass: a word and its two boundary marks.</summary>
    public const int BufferChars = FeatureSpace.MaxTokenChars + 2;

    readonly ReadOnlySpan<char> text = text;
    readonly Span<char> buffer = buffer;
    int position;
    int length;

    /// <summary>The current word.</summary>
    public readonly ReadOnlySpan<char> Word => buffer.Slice(1, length);

    /// <summary>The current word between boundary marks: <c>&lt;word&gt;</c>.</summary>
    public readonly ReadOnlySpan<char> MarkedWord => buffer[..(length + 2)];

    /// <summary>Whether a too-long token was skipped since the previous word: no word pair spans it.</summary>
    public bool FollowsSkippedToken { get; private set; }

    public bool MoveNext()
    {
        FollowsSkippedToken = false;
        var count = 0;
        var tooLong = false;
        for (; position <= text.Length; position++)
        {
            var c = position < text.Length ? text[position] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (count >= FeatureSpace.MaxTokenChars)
                {
                    tooLong = true;
                    continue;
                }
                c = char.ToLowerInvariant(c);
                if (count >= 2 && buffer[count] == c && buffer[count - 1] == c)
                    continue;
                buffer[++count] = c;
                continue;
            }
            if (count > 0 && !tooLong)
            {
                position++;
                length = count;
                buffer[0] = '<';
                buffer[count + 1] = '>';
                return true;
            }
            FollowsSkippedToken |= tooLong;
            count = 0;
            tooLong = false;
        }
        return false;
    }
}
