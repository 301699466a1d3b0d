using MailFilter.Classifier.Features;
using MailFilter.Classifier.Model;
using MailFilter.Classifier.Text;

namespace MailFilter.Classifier.Training;

/// <summary>
/// Refits a model's Platt calibration on examples it was not trained on. The generated training rows are nearly
/// separable, so the trainer's own probabilities are overconfident; fitted on held-out rows, a probability means
/// what it says on unseen templates. The ranking, and so every AUC, is unchanged.
/// </summary>
public static class PlattCalibration
{
    const int Iterations = 100;
    const float RawSlope = -0.01f;

    public static LinearModel Fit(LinearModel model, IReadOnlyList<LabelledExample> heldOut)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (!heldOut.Any(e => e.Label) || heldOut.All(e => e.Label))
            throw new ArgumentException("Calibration needs both harassing and non-harassing examples.", nameof(heldOut));
        // Scored through a gentle calibration that never saturates, so the raw scores come back exactly whatever the model's old fit.
        var unsaturated = model.WithCalibration(RawSlope, 0);
        var classifier = new HarassmentClassifier(unsaturated);
        var raw = heldOut.Select(e => RawMessageScore(classifier, e.Text)).ToArray();
        // Platt's smoothed targets keep a separable set from driving the slope to infinity.
        var positives = heldOut.Count(e => e.Label);
        var negatives = heldOut.Count - positives;
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        var targets = heldOut.Select(e => e.Label ? high : low).ToArray();

        var (slope, offset) = Solve(raw, targets, positives, negatives);
        return model.WithCalibration((float)slope, (float)offset);
    }

    /// <summary>
    /// Fits p = 1 / (1 + exp(a·s + b)) (ML.NET's Platt form) to the targets: Newton's method with backtracking on the
    /// log loss, from the starting point of Lin, Lin and Weng (2007), "A note on Platt's probabilistic outputs".
    /// </summary>
    internal static (double Slope, double Offset) Solve(double[] raw, double[] targets, int positives, int negatives)
    {
        double a = 0, b = Math.Log((negatives + 1.0) / (positives + 1.0));
        var loss = LogLoss(raw, targets, a, b);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            double gA = 0, gB = 0, hAA = 1e-9, hAB = 0, hBB = 1e-9;
            for (var i = 0; i < raw.Length; i++)
            {
                var p = 1 / (1 + Math.Exp(a * raw[i] + b));
                var d = targets[i] - p;
                var w = p * (1 - p);
                gA += d * raw[i];
                gB += d;
                hAA += w * raw[i] * raw[i];
                hAB += w * raw[i];
                hBB += w;
            }
            var det = hAA * hBB - hAB * hAB;
            var stepA = (hBB * gA - hAB * gB) / det;
            var stepB = (hAA * gB - hAB * gA) / det;
            if (Math.Abs(stepA) < 1e-9 && Math.Abs(stepB) < 1e-9)
                break;
            // The full Newton step can overshoot far from the optimum (plain Newton once drove the slope to −52,290):
            // halve it until the loss goes down; if no step does, this is as good as it gets.
            var accepted = false;
            for (var halvings = 0; halvings < 40 && !accepted; halvings++, stepA /= 2, stepB /= 2)
            {
                var next = LogLoss(raw, targets, a - stepA, b - stepB);
                if (next <= loss)
                {
                    (a, b, loss, accepted) = (a - stepA, b - stepB, next, true);
                }
            }
            if (!accepted)
                break;
        }
        return (a, b);
    }

    /// <summary>Cross-entropy of p = 1 / (1 + exp(a·s + b)) against the targets, computed without overflow.</summary>
    internal static double LogLoss(double[] raw, double[] targets, double a, double b)
    {
        var loss = 0.0;
        for (var i = 0; i < raw.Length; i++)
        {
            var f = a * raw[i] + b;
            var softplus = f > 0 ? f + double.LogP1(Math.Exp(-f)) : double.LogP1(Math.Exp(f));
            loss += softplus - (1 - targets[i]) * f;
        }
        return loss;
    }

    /// <summary>The uncalibrated score the message probability is made from (whole text or top sentence less the margin).</summary>
    static double RawMessageScore(HarassmentClassifier unsaturated, string text)
    {
        var p = unsaturated.ScoreAuthored(AuthoredText.Extract(text), explain: false).Probability;
        // p = 1 / (1 + exp(RawSlope·s)) ⇒ s = ln(1/p − 1) / RawSlope.
        return Math.Log(1 / p - 1) / RawSlope;
    }
}
