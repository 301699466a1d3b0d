namespace MailFilter.Classifier.Features;

/// <summary>Receives the features of a text as <see cref="FeatureSpace"/> finds them, without allocating.</summary>
internal interface IFeatureVisitor
{
    /// <summary>A normalised word; <paramref name="token"/> is only valid during the call.</summary>
    void OnToken(ReadOnlySpan<char> token, int tokenIndex);

    /// <summary>A word unigram or bigram (<paramref name="isBigram"/>, ending at <paramref name="tokenIndex"/>).</summary>
    void OnWordFeature(int index, int tokenIndex, bool isBigram);

    /// <summary>A character n-gram inside the word at <paramref name="tokenIndex"/>.</summary>
    void OnCharacterFeature(int index, int tokenIndex);
}
