using System.Numerics;

namespace MailFilter.Classifier.Features;

/// <summary>
/// A model's weights laid out for scoring. Almost every hashed feature has weight zero, and the full array (four bytes
/// for each of 2^19 features) is far larger than a CPU cache, so reading it at hashed, scattered indices waits on
/// memory at nearly every feature. Here a bit per feature says whether it has a weight, and only the non-zero weights
/// are stored, in index order: all of it fits in the cache. Reads give exactly the array's values. A block's bits and
/// the count of weights before it sit side by side, so a read touches one cache line for both: between two
/// messages the rules evict all of this, and every line read costs a trip to memory.
/// </summary>
internal sealed class SparseWeights
{
    readonly Block[] blocks;
    readonly float[] values;

    readonly record struct Block(ulong NonZero, int NonZeroBefore);

    public SparseWeights(float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Length = weights.Length;
        blocks = new Block[(weights.Length + 63) / 64];
        var stored = new List<float>();
        for (var block = 0; block < blocks.Length; block++)
        {
            var before = stored.Count;
            var bits = 0UL;
            for (var i = block * 64; i < Math.Min(weights.Length, (block + 1) * 64); i++)
            {
                if (weights[i] == 0)
                    continue;
                bits |= 1UL << (i % 64);
                stored.Add(weights[i]);
            }
            blocks[block] = new Block(bits, before);
        }
        values = [.. stored];
    }

    public int Length { get; }

    public int NonZeroCount => values.Length;

    public float this[int index]
    {
        get
        {
            var block = blocks[index >> 6];
            var bit = 1UL << index;
            if ((block.NonZero & bit) == 0)
                return 0;
            return values[block.NonZeroBefore + BitOperations.PopCount(block.NonZero & (bit - 1))];
        }
    }
}
