namespace MailFilter.Classifier.Features;

/// <summary>Records, per word and per word pair, the raw weight its features add, for explanations.</summary>
internal struct ContributionVisitor(SparseWeights weights) : IFeatureVisitor
{
    readonly List<string> tokens = [];
    readonly List<(double Word, double Character, double Bigram)> raw = [];
    int wordCount;
    int characterCount;

    public void OnToken(ReadOnlySpan<char> token, int tokenIndex)
    {
        tokens.Add(token.ToString());
        raw.Add((0, 0, 0));
    }

    public void OnWordFeature(int index, int tokenIndex, bool isBigram)
    {
        var r = raw[tokenIndex];
        raw[tokenIndex] = isBigram ? r with { Bigram = r.Bigram + weights[index] } : r with { Word = r.Word + weights[index] };
        wordCount++;
    }

    public void OnCharacterFeature(int index, int tokenIndex)
    {
        var r = raw[tokenIndex];
        raw[tokenIndex] = r with { Character = r.Character + weights[index] };
        characterCount++;
    }

    /// <summary>Each word's and word pair's share of the raw score, summed over repeats, largest first.</summary>
    public readonly IReadOnlyList<TermContribution> Terms(FeatureSpace space, int count)
    {
        var wordScale = space.WordScale(wordCount);
        var characterScale = space.CharacterScale(characterCount);
        // Keyed by the words themselves; a pair's text is built only if it makes the list. Words hold no spaces,
        // so a pair's key and its text "first second" name the same term.
        var totals = new Dictionary<(string First, string? Second), double>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = (tokens[i], (string?)null);
            totals[word] = totals.GetValueOrDefault(word) + raw[i].Word * wordScale + raw[i].Character * characterScale;
            if (i > 0)
            {
                var pair = (tokens[i - 1], tokens[i]);
                totals[pair] = totals.GetValueOrDefault(pair) + raw[i].Bigram * wordScale;
            }
        }
        return totals
            .Where(t => t.Value > 0)
            .Select(t => (Term: t.Key.Second is null ? t.Key.First : $"{t.Key.First} {t.Key.Second}", t.Value))
            .OrderByDescending(t => t.Value)
            .ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(count)
            .Select(t => new TermContribution(t.Term, Math.Round(t.Value, 4)))
            .ToList();
    }
}
