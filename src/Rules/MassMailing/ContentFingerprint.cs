using MailFilter.Rules.Facts;

namespace MailFilter.Rules.MassMailing;

/// <summary>
/// A 64-bit SimHash of a message's normalised body, over three-word shingles: near-identical bodies (a name
/// or a tracking number changed) differ in only a few bits, so mass mail survives small personalisation.
/// </summary>
public static class ContentFingerprint
{
    /// <summary>Bodies shorter than this many words are too generic ("thanks, see you then") to fingerprint.</summary>
    public const int MinimumWords = 20;

    /// <summary>Two fingerprints this close (differing bits) are the same content.</summary>
    public const int SimilarWithinBits = 4;

    public static ulong? Compute(MessageFacts facts)
    {
        var words = facts.Texts.Where(t => t.Kind == TextKind.Body).SelectMany(t => t.Normalized.Tokens).Select(t => t.Value).ToList();
        if (words.Count < MinimumWords)
            return null;
        Span<int> weights = stackalloc int[64];
        for (var i = 0; i + 2 < words.Count; i++)
        {
            var hash = Mix(Fnv1a(words[i]) ^ Mix(Fnv1a(words[i + 1]) ^ Mix(Fnv1a(words[i + 2]))));
            for (var bit = 0; bit < 64; bit++)
                weights[bit] += ((hash >> bit) & 1) == 1 ? 1 : -1;
        }
        ulong fingerprint = 0;
        for (var bit = 0; bit < 64; bit++)
            if (weights[bit] > 0)
                fingerprint |= 1UL << bit;
        return fingerprint;
    }

    static ulong Fnv1a(string word)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in word)
            hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }

    /// <summary>A 64-bit finaliser (SplitMix64) so that every output bit depends on every input bit.</summary>
    static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static bool AreSimilar(ulong a, ulong b) => ulong.PopCount(a ^ b) <= SimilarWithinBits;
}
