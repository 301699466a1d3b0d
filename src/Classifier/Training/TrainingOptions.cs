using MailFilter.Classifier.Features;

namespace MailFilter.Classifier.Training;

/// <summary>How <see cref="HarassmentTrainer"/> trains. The defaults made the shipped model.</summary>
public sealed record TrainingOptions
{
    public int Seed { get; init; } = 20260501;
    public FeatureSpace Space { get; init; } = FeatureSpace.Default;
    public float L1Regularization { get; init; } = 0f;
    public float L2Regularization { get; init; } = 0.05f;
    /// <summary>Only positive evidence: words can raise the score but never lower it.</summary>
    public bool NonNegativeWeights { get; init; }
    public int MaximumIterations { get; init; } = 200;
    public string Version { get; init; } = "harassment-2";
}
