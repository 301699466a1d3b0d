using System.Runtime.CompilerServices;
using MailFilter.Rules.Facts;

namespace MailFilter.Rules.MassMailing;

/// <summary>
/// A bottom-k MinHash sketch of a message's normalised body: the 32 smallest hashes of its three-word
/// shingles. Comparing two sketches estimates how much of the text the messages have in common (Jaccard
/// similarity), so mass mail is still recognised when each copy is personalised ("Hi Ann," / "Hi Bob,")
/// or carries its own tracking number. One hash per shingle keeps it cheap enough for every message.
/// </summary>
public sealed class ContentFingerprint
{
    /// <summary>Bodies shorter than this many words are too generic ("thanks, see you then") to fingerprint.</summary>
    public const int MinimumWords = 20;

    /// <summary>Two bodies sharing at least this share of their shingles are the same content.</summary>
    public const double SimilarAtLeast = 0.7;

    const int Slots = 32;

    readonly ulong[] smallest;

    ContentFingerprint(ulong[] smallest) => this.smallest = smallest;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ContentFingerprint? Compute(MessageFacts facts)
    {
        var words = facts.Texts.Where(t => t.Kind == TextKind.Body).SelectMany(t => t.Normalized.Tokens).Select(t => Fnv1a(t.Value)).ToList();
        if (words.Count < MinimumWords)
            return null;
        var shingles = new ulong[words.Count - 2];
        for (var i = 0; i + 2 < words.Count; i++)
            shingles[i] = Mix(words[i] ^ Mix(words[i + 1] ^ Mix(words[i + 2])));
        Array.Sort(shingles);
        var smallest = new List<ulong>(Slots);
        foreach (var hash in shingles)
        {
            if (smallest.Count > 0 && smallest[^1] == hash)
                continue;
            smallest.Add(hash);
            if (smallest.Count == Slots)
                break;
        }
        return new ContentFingerprint(smallest.ToArray());
    }

    /// <summary>The estimated share of shingles the two bodies have in common, 0 to 1.</summary>
    public double Similarity(ContentFingerprint other)
    {
        // The k smallest hashes of the union are a random sample of it; the share of them found in both
        // sketches estimates the share of the union the two bodies have in common.
        int i = 0, j = 0, taken = 0, shared = 0;
        var a = smallest;
        var b = other.smallest;
        while (taken < Slots && (i < a.Length || j < b.Length))
        {
            if (j >= b.Length || (i < a.Length && a[i] < b[j]))
                i++;
            else if (i >= a.Length || b[j] < a[i])
                j++;
            else
            {
                shared++;
                i++;
                j++;
            }
            taken++;
        }
        return taken == 0 ? 0 : (double)shared / taken;
    }

    public bool IsSimilarTo(ContentFingerprint other) => Similarity(other) >= SimilarAtLeast;

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
