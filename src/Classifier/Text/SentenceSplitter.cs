namespace MailFilter.Classifier.Text;

/// <summary>
/// Splits authored text into sentences: at blank lines, at a line that is short enough to stand alone (a greeting,
/// a list item) and after sentence-ending punctuation followed by white space. Lines wrapped inside a paragraph are
/// joined, since mail clients wrap at about 72 columns without regard to sentences.
/// </summary>
public static class SentenceSplitter
{
    /// <summary>Longer sentences are cut, so that a run-on text cannot hide one threat in 5,000 words.</summary>
    public const int MaxSentenceChars = 400;

    const int StandaloneLineChars = 40;

    public static void Split(string text, List<Sentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(text);
        sentences.Clear();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (start < 0)
            {
                if (!char.IsWhiteSpace(c))
                    start = i;
                continue;
            }
            var end = -1;
            if (c == '\n' && (IsBlankLineAhead(text, i) || i - LineStart(text, i) < StandaloneLineChars))
                end = i;
            else if (c is '.' or '!' or '?' && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))
                end = i + 1;
            else if (i - start >= MaxSentenceChars && char.IsWhiteSpace(c))
                end = i;
            if (end < 0)
                continue;
            Add(text, start, end, sentences);
            start = -1;
        }
        if (start >= 0)
            Add(text, start, text.Length, sentences);
    }

    static void Add(string text, int start, int end, List<Sentence> sentences)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
            end--;
        if (end > start)
            sentences.Add(new Sentence(start, end - start));
    }

    static bool IsBlankLineAhead(string text, int newline)
    {
        for (var j = newline + 1; j < text.Length && text[j] != '\n'; j++)
            if (!char.IsWhiteSpace(text[j]))
                return false;
        return true;
    }

    static int LineStart(string text, int newline)
    {
        var j = newline - 1;
        while (j >= 0 && text[j] != '\n')
            j--;
        return j + 1;
    }
}
