namespace MailFilter.Classifier.Features;

/// <summary>
/// The model's features: hashed word unigrams and bigrams, and hashed character n-grams taken inside each word
/// with boundary marks (<c>&lt;idiot&gt;</c>), so every feature belongs to a word and a weight can be explained as
/// a word's contribution. Words are lower-cased, split at apostrophes (<c>you're</c> = <c>you</c> <c>re</c>) and letters
/// repeated more than twice shortened (<c>stuuupid</c> = <c>stuupid</c>).
/// </summary>
public sealed class FeatureSpace
{
    /// <summary>Longer tokens (URLs, base64, hashes) carry no meaning for this model and are skipped.</summary>
    public const int MaxTokenChars = 32;

    /// <summary>
    /// Function words have no features of their own and pair only with content words: on generated mail they would
    /// otherwise learn the templates' grammar ("you are", "is a") instead of the insult.
    /// </summary>
    static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "and", "or", "but", "is", "are", "was",
        "were", "be", "been", "being", "am", "it", "its", "this", "that", "these", "those", "i", "me", "my", "we", "us", "our",
        "you", "your", "yours", "he", "him", "his", "she", "her", "they", "them", "their", "there", "here", "what", "which",
        "who", "whom", "do", "does", "did", "have", "has", "had", "will", "would", "shall", "should", "can", "could", "may",
        "might", "must", "not", "no", "so", "as", "if", "then", "than", "too", "very", "just", "about", "into", "over", "up",
        "out", "get", "got", "im", "ive", "id", "youre", "youve", "youll", "hes", "shes", "theyre", "lets", "dont", "doesnt",
        "didnt", "cant", "wont", "isnt", "arent", "wasnt", "also", "all", "any", "some", "one", "more", "most", "such", "only",
        "own", "same", "other", "ur", "u", "how", "why", "when", "where", "now", "again", "know", "like", "every", "much",
        // Common words and bare mentions of people: neither is evidence by itself, and on generated text they pick up
        // weight from the templates' phrasing rather than from what the text says.
        "people", "person", "man", "men", "woman", "women", "guy", "guys", "girl", "girls", "boy", "kid", "kids", "country",
        "because", "go", "goes", "going", "gone", "went", "make", "makes", "made", "really", "even", "say", "says", "said",
        "keep", "believe", "nothing", "someone", "somebody", "something", "everything", "everyone", "everybody", "anyone",
        "anybody", "anything", "nobody", "thats", "way", "good", "see", "back", "hope", "take", "off", "ever", "never",
        "thing", "things", "another", "come", "comes", "tell", "told", "let", "put", "down", "before", "after", "maybe",
        "lot", "look", "looking", "think", "thinking", "thinks", "remember", "reason", "real", "well", "still", "want",
        "wants", "need", "needs", "right", "time", "day", "today", "new", "first", "last", "many", "give", "use", "work",
        "year", "years", "life", "way", "stop", "try", "talk", "talking", "while", "being", "whole", "around", "away",
        "yourself", "himself", "herself", "themselves", "myself", "course", "without", "though", "through", "those",
        "both", "each", "few", "why", "yes", "yeah", "oh", "ok", "okay", "lol", "please", "thanks", "thank", "hi", "hey",
        "am", "pm", "via", "user", "url", "amp", "rt", "true", "actually", "literally", "seriously", "honestly", "totally",
        "whats", "theres", "heres", "wasnt", "werent", "wouldnt", "couldnt", "shouldnt", "hasnt", "havent", "aint",
        // What an apostrophe splits off ("don't" = "don" "t", "he'll" = "he" "ll": never "hell").
        "s", "t", "d", "ll", "re", "ve", "m", "don", "didn", "doesn", "isn", "wasn", "aren", "couldn", "wouldn", "shouldn",
        "won", "haven", "hasn", "weren",
        "watch", "watching", "job", "hard", "kind", "leave", "little", "show", "next", "stand", "world", "sorry", "better",
        "trying", "getting", "money", "old", "mean", "saying", "care", "cares", "school", "power", "pretty", "home",
        "place", "idea", "house", "less", "end", "mind", "stay", "bet", "case", "seen", "came", "learn", "wear", "behind",
        "alone", "face", "full", "piece", "bunch", "biggest", "total", "totally", "completely", "wow", "omg", "bless",
        "america", "american", "americans", "name", "human", "saying", "mean", "another", "doing", "done", "feel", "find",
        "found", "help", "keep", "kept", "left", "long", "part", "point", "same", "since", "sure", "until", "used", "who",
        // Names of groups: mentioning one is not evidence; what is said about it is.
        "immigrant", "immigrants", "muslim", "muslims", "mexican", "mexicans", "black", "blacks", "white", "whites",
        "asian", "asians", "jew", "jews", "jewish", "catholic", "catholics", "christian", "christians", "gay", "gays",
        "lesbian", "disabled", "foreigner", "foreigners", "african", "africans", "indian", "indians", "arab", "arabs",
        "boomer", "boomers", "liberal", "liberals", "conservative", "conservatives", "democrat", "democrats",
        "republican", "republicans", "feminist", "feminists", "somali", "somalis", "haitian", "haitians", "chinese",
        "vietnamese", "hmong", "guatemalan", "guatemalans", "puerto", "rican", "ricans", "mormon", "mormons", "hindu",
        "hindus", "sikh", "sikhs", "buddhist", "buddhists", "evangelical", "evangelicals", "female", "male", "elderly",
        "seniors", "refugee", "refugees", "latino", "latinos", "hispanic", "hispanics",
    };

    /// <summary>What the scorer needs to know of a word, found with one lookup: the function words and the word classes together.</summary>
    readonly record struct Listed(bool IsFunctionWord, uint Class);

    static readonly Dictionary<string, Listed>.AlternateLookup<ReadOnlySpan<char>> ListedWords = ListWords().GetAlternateLookup<ReadOnlySpan<char>>();

    static Dictionary<string, Listed> ListWords()
    {
        var listed = new Dictionary<string, Listed>(StringComparer.Ordinal);
        foreach (var word in FunctionWords)
            listed[word] = new Listed(true, WordClasses.None);
        foreach (var (word, wordClass) in WordClasses.All)
            listed[word] = new Listed(FunctionWords.Contains(word), wordClass);
        return listed;
    }

    const uint WordSeed = 0x9E3779B1;
    const uint BigramSeed = 0x85EBCA77;
    const uint CharSeed = 0xC2B2AE3D;
    const uint ClassSeed = 0x27D4EB2F;
    const uint ClassBigramSeed = 0x165667B1;

    public FeatureSpace(int wordBits, int characterBits, int minCharGram, int maxCharGram, int wordCountFloor, int characterCountFloor, double lengthExponent, bool wordClasses = false)
    {
        if (lengthExponent is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(lengthExponent), "The length exponent must be between 0 and 1.");
        LengthExponent = lengthExponent;
        if (wordBits is < 8 or > 24 || characterBits is < 8 or > 24)
            throw new ArgumentOutOfRangeException(nameof(wordBits), "Hash bits must be between 8 and 24.");
        if (minCharGram < 1 || maxCharGram < minCharGram || maxCharGram > 8)
            throw new ArgumentOutOfRangeException(nameof(minCharGram), "Character n-gram lengths must satisfy 1 <= min <= max <= 8.");
        WordBits = wordBits;
        CharacterBits = characterBits;
        MinCharGram = minCharGram;
        MaxCharGram = maxCharGram;
        WordCountFloor = Math.Max(1, wordCountFloor);
        CharacterCountFloor = Math.Max(1, characterCountFloor);
        UsesWordClasses = wordClasses;
    }

    public static FeatureSpace Default { get; } = new(wordBits: 18, characterBits: 18, minCharGram: 5, maxCharGram: 6, wordCountFloor: 12, characterCountFloor: 40, lengthExponent: 0.5, wordClasses: true);

    /// <summary>Whether words in <see cref="WordClasses"/> also give their class's features.</summary>
    public bool UsesWordClasses { get; }

    public int WordBits { get; }
    public int CharacterBits { get; }
    public int MinCharGram { get; }
    public int MaxCharGram { get; }

    /// <summary>
    /// Each family's counts are divided by its feature count to the power <see cref="LengthExponent"/>, but never by
    /// less than this floor's: a four-word sentence carries less evidence than a paragraph. An exponent below the
    /// usual 0.5 keeps one insult in a tweet-length text from being diluted by the words around it.
    /// </summary>
    public int WordCountFloor { get; }
    public int CharacterCountFloor { get; }
    public double LengthExponent { get; }

    internal double WordScale(int count) => count > 0 ? 1 / Math.Pow(Math.Max(count, WordCountFloor), LengthExponent) : 0;
    internal double CharacterScale(int count) => count > 0 ? 1 / Math.Pow(Math.Max(count, CharacterCountFloor), LengthExponent) : 0;

    public int WordDimension => 1 << WordBits;
    public int Dimension => WordDimension + (1 << CharacterBits);

    internal void Visit<TVisitor>(ReadOnlySpan<char> text, ref TVisitor visitor) where TVisitor : struct, IFeatureVisitor
    {
        var words = new WordReader(text, stackalloc char[WordReader.BufferChars]);
        var tokenIndex = 0;
        var previousHash = 0u;
        var hasPrevious = false;
        var previousIsFunctionWord = false;
        var previousClass = WordClasses.None;
        while (words.MoveNext())
        {
            hasPrevious &= !words.FollowsSkippedToken;
            var word = words.Word;
            var hash = WordHash(word);
            ListedWords.TryGetValue(word, out var listed);
            var isFunctionWord = listed.IsFunctionWord;
            var wordClass = UsesWordClasses ? listed.Class : WordClasses.None;
            visitor.OnToken(word, tokenIndex);
            if (!isFunctionWord)
                visitor.OnWordFeature(WordIndex(hash), tokenIndex, isBigram: false);
            if (hasPrevious && !(isFunctionWord && previousIsFunctionWord))
                visitor.OnWordFeature(BigramIndex(previousHash, hash), tokenIndex, isBigram: true);
            if (wordClass != WordClasses.None)
                visitor.OnWordFeature(WordIndex(Mix(wordClass, ClassSeed)), tokenIndex, isBigram: false);
            if (hasPrevious && (wordClass | previousClass) != WordClasses.None)
            {
                var first = previousClass != WordClasses.None ? previousClass : previousHash;
                var second = wordClass != WordClasses.None ? wordClass : hash;
                visitor.OnWordFeature(WordIndex(Mix(first * 31 + second, ClassBigramSeed)), tokenIndex, isBigram: true);
            }
            if (!isFunctionWord)
                VisitCharacterGrams(words.MarkedWord, tokenIndex, ref visitor);
            previousHash = hash;
            previousClass = wordClass;
            previousIsFunctionWord = isFunctionWord;
            hasPrevious = true;
            tokenIndex++;
        }
    }

    static uint WordHash(ReadOnlySpan<char> word) => Hash(word, WordSeed);

    int BigramIndex(uint previousHash, uint hash) => WordIndex(Mix(previousHash * 31 + hash, BigramSeed));

    void VisitCharacterGrams<TVisitor>(ReadOnlySpan<char> marked, int tokenIndex, ref TVisitor visitor) where TVisitor : struct, IFeatureVisitor
    {
        var shortest = marked.Length - MinCharGram + 1;
        if (shortest <= 0)
            return;
        // Each n-gram's hash before its final mix; an (n+1)-gram's is its n-gram's carried one character on, so every
        // character of the word is hashed once per n-gram length instead of once per n-gram it is in.
        Span<uint> states = stackalloc uint[WordReader.BufferChars];
        for (var start = 0; start < shortest; start++)
            states[start] = Fnv(marked.Slice(start, MinCharGram), CharSeed);
        for (var n = MinCharGram; ; n++)
        {
            var count = marked.Length - n + 1;
            for (var start = 0; start < count; start++)
                visitor.OnCharacterFeature(WordDimension + (int)(Mix(states[start], CharSeed) & ((1u << CharacterBits) - 1)), tokenIndex);
            if (n == MaxCharGram || count == 1)
                return;
            for (var start = 0; start < count - 1; start++)
                states[start] = FnvStep(states[start], marked[start + n]);
        }
    }

    int WordIndex(uint hash) => (int)(hash & ((1u << WordBits) - 1));

    static uint Hash(ReadOnlySpan<char> chars, uint seed) => Mix(Fnv(chars, seed), seed);

    static uint Fnv(ReadOnlySpan<char> chars, uint seed)
    {
        var h = 2166136261u ^ seed;
        foreach (var c in chars)
            h = FnvStep(h, c);
        return h;
    }

    static uint FnvStep(uint h, char c) => (h ^ c) * 16777619u;

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
