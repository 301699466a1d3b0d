using MailFilter.Classifier.Features;

namespace MailFilter.Classifier.Tests;

/// <summary>
/// The feature space as its definition reads, written out plainly here, against the scorer's optimised pass: a
/// speed-up must not move a single feature, or the shipped model would be read with the wrong weights.
/// </summary>
public class FeatureSpaceTests
{
    [Theory]
    [InlineData("You are a complete idiot and everyone at the office knows it.")]
    [InlineData("I will break your legs if you go to HR again!!!")]
    [InlineData("you stupid idiot, the caller stated policy prohibits harassment")]
    [InlineData("stuuuupid STUPID Stupid   you're   don't he'll")]
    [InlineData("a b c d e f g h")]
    [InlineData("x yz abc abcd abcde abcdef")]
    [InlineData("Café naïve ÜBER straße 2026-11-25 10:39")]
    [InlineData("visit https://example.org/aVeryLongPathThatIsMuchLongerThanThirtyTwoCharacters/and?more=1 now please")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefg abcdefghijklmnopqrstuvwxyzabcdef idiot")]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Visit_finds_the_features_the_definition_describes(string text)
    {
        var space = FeatureSpace.Default;
        var recorder = new RecordingVisitor([]);

        space.Visit(text, ref recorder);

        recorder.Features.Should().Equal(ReferenceFeatures(space, text));
    }

    [Fact]
    public void Visit_finds_the_defined_features_in_real_mail()
    {
        var space = FeatureSpace.Default;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples))
        {
            var text = File.ReadAllText(file);
            var recorder = new RecordingVisitor([]);
            space.Visit(text, ref recorder);
            recorder.Features.Should().Equal(ReferenceFeatures(space, text), file);
        }
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(2, 5)]
    [InlineData(4, 8)]
    public void Other_n_gram_lengths_are_visited_as_defined_too(int minCharGram, int maxCharGram)
    {
        var space = new FeatureSpace(16, 16, minCharGram, maxCharGram, 12, 40, 0.3);
        const string text = "Harassment is not tolerated; I'm reporting this to HR, stuuupid.";
        var recorder = new RecordingVisitor([]);

        space.Visit(text, ref recorder);

        recorder.Features.Should().Equal(ReferenceFeatures(space, text));
    }

    static List<string> ReferenceFeatures(FeatureSpace space, string text)
    {
        var features = new List<string>();
        var words = new List<string?>(); // null: a token too long to be a word, which breaks word pairs
        var current = new System.Text.StringBuilder();
        var tooLong = false;
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                var lower = char.ToLowerInvariant(c);
                if (current.Length >= FeatureSpace.MaxTokenChars)
                    tooLong = true;
                else if (!(current.Length >= 2 && current[^1] == lower && current[^2] == lower))
                    current.Append(lower);
                continue;
            }
            if (current.Length > 0)
                words.Add(tooLong ? null : current.ToString());
            current.Clear();
            tooLong = false;
        }
        var tokenIndex = 0;
        string? previous = null;
        foreach (var word in words)
        {
            if (word is null)
            {
                previous = null;
                continue;
            }
            var isFunctionWord = IsFunctionWord(word);
            features.Add($"token {word} {tokenIndex}");
            if (!isFunctionWord)
                features.Add($"word {Hash(word, 0x9E3779B1) & ((1u << space.WordBits) - 1)} {tokenIndex} False");
            if (previous is not null && !(isFunctionWord && IsFunctionWord(previous)))
            {
                var pair = Mix(Hash(previous, 0x9E3779B1) * 31 + Hash(word, 0x9E3779B1), 0x85EBCA77);
                features.Add($"word {pair & ((1u << space.WordBits) - 1)} {tokenIndex} True");
            }
            var wordClass = space.UsesWordClasses ? WordClasses.All.GetValueOrDefault(word) : WordClasses.None;
            var previousClass = space.UsesWordClasses && previous is not null ? WordClasses.All.GetValueOrDefault(previous) : WordClasses.None;
            if (wordClass != WordClasses.None)
                features.Add($"word {Mix(wordClass, 0x27D4EB2F) & ((1u << space.WordBits) - 1)} {tokenIndex} False");
            if (previous is not null && (wordClass != WordClasses.None || previousClass != WordClasses.None))
            {
                var first = previousClass != WordClasses.None ? previousClass : Hash(previous, 0x9E3779B1);
                var second = wordClass != WordClasses.None ? wordClass : Hash(word, 0x9E3779B1);
                features.Add($"word {Mix(first * 31 + second, 0x165667B1) & ((1u << space.WordBits) - 1)} {tokenIndex} True");
            }
            if (!isFunctionWord)
            {
                var marked = $"<{word}>";
                for (var n = space.MinCharGram; n <= space.MaxCharGram && n <= marked.Length; n++)
                    for (var start = 0; start + n <= marked.Length; start++)
                        features.Add($"char {space.WordDimension + (Hash(marked.Substring(start, n), 0xC2B2AE3D) & ((1u << space.CharacterBits) - 1))} {tokenIndex}");
            }
            previous = word;
            tokenIndex++;
        }
        return features;
    }

    static readonly FeatureSpace WithoutClasses = new(18, 18, 5, 6, 12, 40, 0.3, wordClasses: false);

    static bool IsFunctionWord(string word)
    {
        var recorder = new RecordingVisitor([]);
        WithoutClasses.Visit(word, ref recorder);
        return !recorder.Features.Any(f => f.StartsWith("word ", StringComparison.Ordinal));
    }

    static uint Hash(string chars, uint seed)
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

    struct RecordingVisitor(List<string> features) : IFeatureVisitor
    {
        public readonly List<string> Features => features;

        public readonly void OnToken(ReadOnlySpan<char> token, int tokenIndex) => features.Add($"token {token} {tokenIndex}");

        public readonly void OnWordFeature(int index, int tokenIndex, bool isBigram) => features.Add($"word {index} {tokenIndex} {isBigram}");

        public readonly void OnCharacterFeature(int index, int tokenIndex) => features.Add($"char {index} {tokenIndex}");
    }
}
