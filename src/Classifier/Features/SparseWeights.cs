using System.Numerics;

namespace MailFilter.Classifier.Features;

/// <summary>
/// A model's weights laid out for scoring. Almost every hashed feature has weight zero, and the full array (four bytes
/// for each of 2^19 features) is far larger than a CPU cache, so reading it at hashed, scattered indices waits on
/// memory at nearly every feature. Here a bit per feature says whether it has a weight, and only the non-zero weights
/// are stored, in index order: all of it fits in the cache. Reads give exactly the array's values.
/// </summary>
internal sealed class SparseWeights
{
    readonly ulong[] nonZero;
    readonly int[] nonZeroBefore;
    readonly float[] values;

    public SparseWeights(float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Length = weights.Length;
        nonZero = new ulong[(weights.Length + 63) / 64];
        nonZeroBefore = new int[nonZero.Length];
        var stored = new List<float>();
        for (var i = 0; i < weights.Length; i++)
        {
            if (i % 64 == 0)
                nonZeroBefore[i / 64] = stored.Count;
            if (weights[i] == 0)
                continue;
            nonZero[i / 64] |= 1UL << (i % 64);
            stored.Add(weights[i]);
        }
        values = [.. stored];
    }

    public int Length { get; }

    public int NonZeroCount => values.Length;

    public float this[int index]
    {
        get
        {
            var bits = nonZero[index >> 6];
            var bit = 1UL << index;
            if ((bits & bit) == 0)
                return 0;
            return values[nonZeroBefore[index >> 6] + BitOperations.PopCount(bits & (bit - 1))];
        }
    }
}
