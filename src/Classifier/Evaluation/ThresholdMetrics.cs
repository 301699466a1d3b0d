namespace MailFilter.Classifier.Evaluation;

/// <summary>The confusion matrix at one threshold (score ≥ threshold counts as harassment) and the rates it gives.</summary>
public sealed record ThresholdMetrics(double Threshold, int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall is var sum && sum > 0 ? 2 * Precision * Recall / sum : double.NaN;

    /// <summary>The share of negatives at or above the threshold.</summary>
    public double FalsePositiveRate => FalsePositives + TrueNegatives == 0 ? double.NaN : (double)FalsePositives / (FalsePositives + TrueNegatives);
}
