using System.Runtime.CompilerServices;
using MailFilter.Rules.Facts;

namespace MailFilter.Rules.MassMailing;

/// <summary>
/// A MinHash signature of a message's normalised body over three-word shingles. The share of equal slots
/// estimates how much of the text two messages have in common (Jaccard similarity), so mass mail is still
/// recognised when each copy is personalised ("Hi Ann," / "Hi Bob,") or carries its own tracking number.
/// </summary>
public sealed class ContentFingerprint
{
    /// <summary>Bodies shorter than this many words are too generic ("thanks, see you then") to fingerprint.</summary>
    public const int MinimumWords = 20;

    /// <summary>Two bodies sharing at least this share of their shingles are the same content.</summary>
    public const double SimilarAtLeast = 0.7;

    const int Slots = 32;

    readonly ulong[] minima;

    ContentFingerprint(ulong[] minima) => this.minima = minima;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ContentFingerprint? Compute(MessageFacts facts)
    {
        var words = facts.Texts.Where(t => t.Kind == TextKind.Body).SelectMany(t => t.Normalized.Tokens).Select(t => Fnv1a(t.Value)).ToList();
        if (words.Count < MinimumWords)
            return null;
        var minima = new ulong[Slots];
        Array.Fill(minima, ulong.MaxValue);
        for (var i = 0; i + 2 < words.Count; i++)
        {
            var shingle = Mix(words[i] ^ Mix(words[i + 1] ^ Mix(words[i + 2])));
            for (var slot = 0; slot < Slots; slot++)
            {
                var value = Mix(shingle ^ Seeds[slot]);
                if (value < minima[slot])
                    minima[slot] = value;
            }
        }
        return new ContentFingerprint(minima);
    }

    /// <summary>The estimated share of shingles the two bodies have in common, 0 to 1.</summary>
    public double Similarity(ContentFingerprint other)
    {
        var equal = 0;
        for (var slot = 0; slot < Slots; slot++)
            if (minima[slot] == other.minima[slot])
                equal++;
        return (double)equal / Slots;
    }

    public bool IsSimilarTo(ContentFingerprint other) => Similarity(other) >= SimilarAtLeast;

    static readonly ulong[] Seeds = Enumerable.Range(1, Slots).Select(i => Mix((ulong)i * 0x9E3779B97F4A7C15UL)).ToArray();

    static ulong Fnv1a(string word)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in word)
            hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }

    /// <summary>SplitMix64's finaliser: every output bit depends on every input bit.</summary>
    static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
