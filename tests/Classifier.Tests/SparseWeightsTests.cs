using MailFilter.Classifier.Features;

namespace MailFilter.Classifier.Tests;

public class SparseWeightsTests
{
    [Fact]
    public void Every_index_reads_the_shipped_models_weight()
    {
        var weights = HarassmentClassifier.Default.Model.Weights;
        var sparse = new SparseWeights(weights);

        sparse.NonZeroCount.Should().Be(weights.Count(w => w != 0));
        for (var i = 0; i < weights.Length; i++)
            if (sparse[i] != weights[i])
                Assert.Fail($"weight {i}: {sparse[i]} instead of {weights[i]}");
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(63, 0.5)]
    [InlineData(64, 1.0)]
    [InlineData(1000, 0.02)]
    [InlineData(4097, 0.9)]
    public void Every_index_reads_the_arrays_value_whatever_the_density(int length, double density)
    {
        var random = new Random(length);
        var weights = new float[length];
        for (var i = 0; i < length; i++)
            weights[i] = random.NextDouble() < density ? (float)(random.NextDouble() * 2 - 1) : 0;
        weights[^1] = length % 2 == 0 ? 0 : float.Epsilon;

        var sparse = new SparseWeights(weights);

        Enumerable.Range(0, length).Select(i => sparse[i]).Should().Equal(weights);
    }
}
