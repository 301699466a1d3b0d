namespace MailFilter.Classifier.Evaluation;

/// <summary>How well scores separate labelled examples: ROC AUC, PR AUC (average precision) and per-threshold counts.</summary>
public sealed record EvaluationReport(
    int Examples,
    int Positives,
    double RocAuc,
    double PrAuc,
    IReadOnlyList<ThresholdMetrics> Thresholds)
{
    /// <summary>The ROC AUC of the whole-text score alone, without the per-sentence maximum (NaN when not measured).</summary>
    public double WholeTextRocAuc { get; init; } = double.NaN;

    public static readonly IReadOnlyList<double> DefaultThresholds = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    public static EvaluationReport From(IReadOnlyList<(double Score, bool Label)> scored, IEnumerable<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var positives = scored.Count(s => s.Label);
        var metrics = thresholds.Distinct().Order().Select(t => At(scored, t)).ToList();
        return new EvaluationReport(scored.Count, positives, ComputeRocAuc(scored, positives), AveragePrecision(scored, positives), metrics);
    }

    static ThresholdMetrics At(IReadOnlyList<(double Score, bool Label)> scored, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        foreach (var (score, label) in scored)
        {
            var flagged = score >= threshold;
            if (flagged && label) tp++;
            else if (flagged) fp++;
            else if (label) fn++;
            else tn++;
        }
        return new ThresholdMetrics(threshold, tp, fp, tn, fn);
    }

    /// <summary>The Mann–Whitney form: the chance a random positive outscores a random negative, ties counting half.</summary>
    static double ComputeRocAuc(IReadOnlyList<(double Score, bool Label)> scored, int positives)
    {
        var negatives = scored.Count - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;
        var sorted = scored.OrderBy(s => s.Score).ToList();
        double rankSum = 0;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Score == sorted[i].Score)
                j++;
            var averageRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
                if (sorted[k].Label)
                    rankSum += averageRank;
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    static double AveragePrecision(IReadOnlyList<(double Score, bool Label)> scored, int positives)
    {
        if (positives == 0)
            return double.NaN;
        var sorted = scored.OrderByDescending(s => s.Score).ToList();
        double sum = 0;
        var truePositives = 0;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            var groupPositives = 0;
            while (j < sorted.Count && sorted[j].Score == sorted[i].Score)
            {
                if (sorted[j].Label)
                    groupPositives++;
                j++;
            }
            truePositives += groupPositives;
            sum += groupPositives * ((double)truePositives / j);
            i = j;
        }
        return sum / positives;
    }
}
