namespace MailFilter.Classifier.Features;

/// <summary>Sums the weights of a text's features, per family, as the scorer's single pass over the text.</summary>
internal struct LinearScoreVisitor(float[] weights) : IFeatureVisitor
{
    public double WordSum;
    public double CharacterSum;
    public int WordCount;
    public int CharacterCount;
    public int TokenCount;

    public readonly void OnToken(ReadOnlySpan<char> token, int tokenIndex)
    {
    }

    public void OnWordFeature(int index, int tokenIndex, bool isBigram)
    {
        WordSum += weights[index];
        WordCount++;
        if (!isBigram)
            TokenCount++;
    }

    public void OnCharacterFeature(int index, int tokenIndex)
    {
        CharacterSum += weights[index];
        CharacterCount++;
    }

    public void Add(in LinearScoreVisitor other)
    {
        WordSum += other.WordSum;
        CharacterSum += other.CharacterSum;
        WordCount += other.WordCount;
        CharacterCount += other.CharacterCount;
        TokenCount += other.TokenCount;
    }

    /// <summary>The raw linear score: each family's count vector is scaled by one over the square root of its size.</summary>
    public readonly double Raw(float bias) =>
        bias + (WordCount > 0 ? WordSum / Math.Sqrt(WordCount) : 0) + (CharacterCount > 0 ? CharacterSum / Math.Sqrt(CharacterCount) : 0);
}
