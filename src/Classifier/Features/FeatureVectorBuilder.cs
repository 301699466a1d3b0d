namespace MailFilter.Classifier.Features;

/// <summary>
/// Builds the sparse feature vector the trainer sees, scaled exactly as <see cref="LinearScoreVisitor"/> scores it,
/// so that the weights ML.NET learns are the weights the scorer applies.
/// </summary>
internal struct FeatureVectorBuilder(Dictionary<int, float> counts) : IFeatureVisitor
{
    int wordCount;
    int characterCount;

    public readonly void OnToken(ReadOnlySpan<char> token, int tokenIndex)
    {
    }

    public void OnWordFeature(int index, int tokenIndex, bool isBigram)
    {
        counts[index] = counts.GetValueOrDefault(index) + 1;
        wordCount++;
    }

    public void OnCharacterFeature(int index, int tokenIndex)
    {
        counts[index] = counts.GetValueOrDefault(index) + 1;
        characterCount++;
    }

    public readonly (int[] Indices, float[] Values) ToSparse(FeatureSpace space)
    {
        var indices = counts.Keys.ToArray();
        Array.Sort(indices);
        var values = new float[indices.Length];
        var wordScale = space.WordScale(wordCount);
        var characterScale = space.CharacterScale(characterCount);
        for (var i = 0; i < indices.Length; i++)
            values[i] = (float)(counts[indices[i]] * (indices[i] < space.WordDimension ? wordScale : characterScale));
        return (indices, values);
    }
}
