using System.Runtime.CompilerServices;
namespace MailFilter.Rules.Text;

/// <summary>
/// A term list compiled for whole-word matching on normalised tokens. Terms are normalised with the same
/// normaliser as the text, indexed by their first word, so a scan is one hash look-up per token whatever the
/// list's size. A term may be several words ("chain letter") and may end in <c>*</c> for any ending
/// ("donat*"). Stretched words ("fuuuuck") also match by their squeezed form.
/// </summary>
public sealed class TermMatcher
{
    sealed record Entry(int TermIndex, string[] Words, bool LastIsPrefix);

    readonly Dictionary<string, List<Entry>> byFirstWord = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<Entry>> byFirstWordSqueezed = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<Entry>> byFirstWordPrefix = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<Entry>>.AlternateLookup<ReadOnlySpan<char>> prefixLookup;
    readonly int[] prefixLengths;

    public TermMatcher(IReadOnlyList<string> terms)
    {
        Terms = terms;
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i].Trim();
            var isPrefix = term.EndsWith('*');
            var words = TextNormalizer.Normalize(isPrefix ? term[..^1] : term).Tokens.Select(t => t.Value).ToArray();
            if (words.Length == 0)
                continue;
            var entry = new Entry(i, words, isPrefix);
            if (isPrefix && words.Length == 1)
            {
                Add(byFirstWordPrefix, words[0], entry);
                continue;
            }
            Add(byFirstWord, words[0], entry);
            Add(byFirstWordSqueezed, CharacterFolding.Squeeze(words[0]), entry);
        }
        prefixLookup = byFirstWordPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        prefixLengths = byFirstWordPrefix.Keys.Select(k => k.Length).Distinct().Order().ToArray();
    }

    public IReadOnlyList<string> Terms { get; }

    /// <summary>Every occurrence of every term, in text order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<TermHit> Match(NormalizedText text)
    {
        var hits = new List<TermHit>();
        var tokens = text.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Value;
            if (byFirstWord.TryGetValue(word, out var entries))
                AddHits(entries, tokens, i, hits);
            else if (tokens[i].IsStretched && byFirstWordSqueezed.TryGetValue(CharacterFolding.Squeeze(word), out entries))
                AddHits(entries, tokens, i, hits);
            foreach (var length in prefixLengths)
            {
                if (length > word.Length)
                    break;
                if (prefixLookup.TryGetValue(word.AsSpan(0, length), out var prefixed))
                    foreach (var entry in prefixed)
                        hits.Add(new TermHit(entry.TermIndex, i, i));
            }
        }
        return hits;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void AddHits(List<Entry> entries, IReadOnlyList<Token> tokens, int first, List<TermHit> hits)
    {
        foreach (var entry in entries)
        {
            if (first + entry.Words.Length > tokens.Count)
                continue;
            var matched = true;
            for (var w = 1; w < entry.Words.Length && matched; w++)
            {
                var isLast = w == entry.Words.Length - 1;
                matched = WordMatches(tokens[first + w], entry.Words[w], isLast && entry.LastIsPrefix);
            }
            if (matched)
                hits.Add(new TermHit(entry.TermIndex, first, first + entry.Words.Length - 1));
        }
    }

    static bool WordMatches(Token token, string word, bool prefix)
    {
        if (prefix)
            return token.Value.StartsWith(word, StringComparison.Ordinal);
        return token.Value == word
               || (token.IsStretched && CharacterFolding.Squeeze(token.Value) == CharacterFolding.Squeeze(word));
    }

    static void Add(Dictionary<string, List<Entry>> index, string key, Entry entry)
    {
        if (!index.TryGetValue(key, out var list))
            index[key] = list = [];
        list.Add(entry);
    }
}
