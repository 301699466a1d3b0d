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

    public static LinearModel Fit(LinearModel model, IReadOnlyList<LabelledExample> heldOut)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (!heldOut.Any(e => e.Label) || heldOut.All(e => e.Label))
            throw new ArgumentException("Calibration needs both harassing and non-harassing examples.", nameof(heldOut));
        var classifier = new HarassmentClassifier(model);
        var raw = heldOut.Select(e => RawMessageScore(classifier, model, e.Text)).ToArray();
        // Platt's smoothed targets keep a separable set from driving the slope to infinity.
        var positives = heldOut.Count(e => e.Label);
        var negatives = heldOut.Count - positives;
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        var targets = heldOut.Select(e => e.Label ? high : low).ToArray();

        // p = 1 / (1 + exp(a·s + b)), as ML.NET's Platt calibrator; Newton's method on the log loss.
        double a = model.PlattSlope, b = model.PlattOffset;
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            double gA = 0, gB = 0, hAA = 0, hAB = 0, hBB = 0;
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
            hAA += 1e-9;
            hBB += 1e-9;
            var det = hAA * hBB - hAB * hAB;
            if (Math.Abs(det) < 1e-12)
                break;
            var stepA = (hBB * gA - hAB * gB) / det;
            var stepB = (hAA * gB - hAB * gA) / det;
            a -= stepA;
            b -= stepB;
            if (Math.Abs(stepA) < 1e-9 && Math.Abs(stepB) < 1e-9)
                break;
        }
        return model.WithCalibration((float)a, (float)b);
    }

    /// <summary>The uncalibrated score the message probability is made from (whole text or top sentence less the margin).</summary>
    static double RawMessageScore(HarassmentClassifier classifier, LinearModel model, string text)
    {
        var score = classifier.ScoreAuthored(AuthoredText.Extract(text), explain: false);
        var p = Math.Clamp(score.Probability, 1e-12, 1 - 1e-12);
        // Invert the current calibration: p = 1 / (1 + exp(a·s + b)) ⇒ s = (ln(1/p − 1) − b) / a.
        return (Math.Log(1 / p - 1) - model.PlattOffset) / model.PlattSlope;
    }
}
