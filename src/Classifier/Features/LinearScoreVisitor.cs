namespace MailFilter.Classifier.Features;

/// <summary>Sums the weights of a text's features, per family, as the scorer's single pass over the text.</summary>
internal struct LinearScoreVisitor(SparseWeights weights) : IFeatureVisitor
{
    public double WordSum;
    public double CharacterSum;
    public int WordCount;
    public int CharacterCount;
    public int TokenCount;

    public void OnToken(ReadOnlySpan<char> token, int tokenIndex) => TokenCount++;

    public void OnWordFeature(int index, int tokenIndex, bool isBigram)
    {
        WordSum += weights[index];
        WordCount++;
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

    /// <summary>The raw linear score, each family scaled as <see cref="FeatureSpace.WordScale"/> says.</summary>
    public readonly double Raw(float bias, FeatureSpace space) =>
        bias + WordSum * space.WordScale(WordCount) + CharacterSum * space.CharacterScale(CharacterCount);
}
