namespace MailFilter.Classifier.Features;

/// <summary>
/// The model's features: hashed word unigrams and bigrams, and hashed character n-grams taken inside each word
/// with boundary marks (<c>&lt;idiot&gt;</c>), so every feature belongs to a word and a weight can be explained as
/// a word's contribution. Words are lower-cased, apostrophes dropped (<c>you're</c> = <c>youre</c>) and letters
/// repeated more than twice shortened (<c>stuuupid</c> = <c>stuupid</c>).
/// </summary>
public sealed class FeatureSpace
{
    /// <summary>Longer tokens (URLs, base64, hashes) carry no meaning for this model and are skipped.</summary>
    public const int MaxTokenChars = 32;

    const uint WordSeed = 0x9E3779B1;
    const uint BigramSeed = 0x85EBCA77;
    const uint CharSeed = 0xC2B2AE3D;

    public FeatureSpace(int wordBits, int characterBits, int minCharGram, int maxCharGram)
    {
        if (wordBits is < 8 or > 24 || characterBits is < 8 or > 24)
            throw new ArgumentOutOfRangeException(nameof(wordBits), "Hash bits must be between 8 and 24.");
        if (minCharGram < 1 || maxCharGram < minCharGram || maxCharGram > 8)
            throw new ArgumentOutOfRangeException(nameof(minCharGram), "Character n-gram lengths must satisfy 1 <= min <= max <= 8.");
        WordBits = wordBits;
        CharacterBits = characterBits;
        MinCharGram = minCharGram;
        MaxCharGram = maxCharGram;
    }

    public static FeatureSpace Default { get; } = new(wordBits: 18, characterBits: 18, minCharGram: 3, maxCharGram: 5);

    public int WordBits { get; }
    public int CharacterBits { get; }
    public int MinCharGram { get; }
    public int MaxCharGram { get; }

    public int WordDimension => 1 << WordBits;
    public int Dimension => WordDimension + (1 << CharacterBits);

    internal void Visit<TVisitor>(ReadOnlySpan<char> text, ref TVisitor visitor) where TVisitor : struct, IFeatureVisitor
    {
        Span<char> token = stackalloc char[MaxTokenChars + 2];
        var length = 0;
        var tooLong = false;
        var tokenIndex = 0;
        var previousHash = 0u;
        var hasPrevious = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (length >= MaxTokenChars)
                {
                    tooLong = true;
                    continue;
                }
                c = char.ToLowerInvariant(c);
                if (length >= 2 && token[length] == c && token[length - 1] == c)
                    continue;
                token[++length] = c;
                continue;
            }
            if (c is '\'' or '\u2019' && length > 0)
                continue;
            if (length > 0 && !tooLong)
            {
                var word = token.Slice(1, length);
                var hash = Hash(word, WordSeed);
                visitor.OnToken(word, tokenIndex);
                visitor.OnWordFeature(WordIndex(hash), tokenIndex, isBigram: false);
                if (hasPrevious)
                    visitor.OnWordFeature(WordIndex(Mix(previousHash * 31 + hash, BigramSeed)), tokenIndex, isBigram: true);
                token[0] = '<';
                token[length + 1] = '>';
                VisitCharacterGrams(token[..(length + 2)], tokenIndex, ref visitor);
                previousHash = hash;
                hasPrevious = true;
                tokenIndex++;
            }
            else if (tooLong)
            {
                hasPrevious = false;
            }
            length = 0;
            tooLong = false;
        }
    }

    void VisitCharacterGrams<TVisitor>(ReadOnlySpan<char> marked, int tokenIndex, ref TVisitor visitor) where TVisitor : struct, IFeatureVisitor
    {
        for (var n = MinCharGram; n <= MaxCharGram && n <= marked.Length; n++)
            for (var start = 0; start + n <= marked.Length; start++)
                visitor.OnCharacterFeature(WordDimension + (int)(Hash(marked.Slice(start, n), CharSeed) & ((1u << CharacterBits) - 1)), tokenIndex);
    }

    int WordIndex(uint hash) => (int)(hash & ((1u << WordBits) - 1));

    static uint Hash(ReadOnlySpan<char> chars, uint seed)
    {
        var h = 2166136261u ^ seed;
        foreach (var c in chars)
            h = (h ^ c) * 16777619u;
        return Mix(h, seed);
    }

    static uint Mix(uint h, uint seed)
    {
        h ^= seed;
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }
}
