using System.Security.Cryptography;
using MailFilter.Classifier.Features;
using MailFilter.Classifier.Model;
using MailFilter.Classifier.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MailFilter.Classifier.Training;

/// <summary>
/// Trains a <see cref="LinearModel"/> with ML.NET's L-BFGS logistic regression over <see cref="FeatureSpace"/>
/// features. Training is deterministic: a fixed seed, one thread, and the examples in the order given.
/// </summary>
public static class HarassmentTrainer
{
    public static LinearModel Train(IReadOnlyList<LabelledExample> examples, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        if (!examples.Any(e => e.Label) || examples.All(e => e.Label))
            throw new ArgumentException("Training needs both harassing and non-harassing examples.", nameof(examples));

        var space = options.Space;
        var ml = new MLContext(options.Seed);
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, space.Dimension);
        var rows = examples.Select(e => Vectorize(e, space)).ToList();
        var data = ml.Data.LoadFromEnumerable(rows, schema);

        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = nameof(FeatureRow.Features),
            ExampleWeightColumnName = nameof(FeatureRow.Weight),
            L1Regularization = options.L1Regularization,
            L2Regularization = options.L2Regularization,
            MaximumNumberOfIterations = options.MaximumIterations,
            OptimizationTolerance = 1e-7f,
            NumberOfThreads = 1,
            EnforceNonNegativity = options.NonNegativeWeights,
            ShowTrainingStatistics = false,
        });
        var fitted = trainer.Fit(data).Model;
        var linear = fitted.SubModel;
        var weights = new float[space.Dimension];
        var learned = linear.Weights;
        for (var i = 0; i < weights.Length; i++)
            weights[i] = learned[i];
        var version = $"{options.Version}+{Fingerprint(weights, linear.Bias)}";
        return new LinearModel(space, weights, linear.Bias, (float)fitted.Calibrator.Slope, (float)fitted.Calibrator.Offset, version);
    }

    static FeatureRow Vectorize(LabelledExample example, FeatureSpace space)
    {
        var text = AuthoredText.Extract(example.Text);
        var sentences = new List<Sentence>();
        SentenceSplitter.Split(text, sentences);
        var builder = new FeatureVectorBuilder(new Dictionary<int, float>());
        foreach (var sentence in sentences)
            space.Visit(sentence.In(text), ref builder);
        var (indices, values) = builder.ToSparse(space);
        return new FeatureRow
        {
            Label = example.Label,
            Weight = example.Weight,
            Features = new VBuffer<float>(space.Dimension, indices.Length, values, indices),
        };
    }

    /// <summary>Eight hex digits of the weights' hash: two trainings with the same result carry the same version.</summary>
    static string Fingerprint(float[] weights, float bias)
    {
        var bytes = new byte[(weights.Length + 1) * sizeof(float)];
        Buffer.BlockCopy(weights, 0, bytes, 0, weights.Length * sizeof(float));
        BitConverter.TryWriteBytes(bytes.AsSpan(weights.Length * sizeof(float)), bias);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..8];
    }

    sealed class FeatureRow
    {
        public bool Label { get; set; }
        public float Weight { get; set; }
        public VBuffer<float> Features { get; set; }
    }
}
