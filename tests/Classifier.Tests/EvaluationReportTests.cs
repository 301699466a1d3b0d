using MailFilter.Classifier.Evaluation;

namespace MailFilter.Classifier.Tests;

public class EvaluationReportTests
{
    [Fact]
    public void PerfectSeparationHasAucOne()
    {
        var report = EvaluationReport.From([(0.9, true), (0.8, true), (0.2, false), (0.1, false)], [0.5]);
        report.RocAuc.Should().Be(1);
        report.PrAuc.Should().Be(1);
        report.Thresholds.Single().Should().Be(new ThresholdMetrics(0.5, 2, 0, 2, 0));
    }

    [Fact]
    public void TiesCountHalf()
    {
        EvaluationReport.From([(0.5, true), (0.5, false)], []).RocAuc.Should().Be(0.5);
    }

    [Fact]
    public void TheConfusionMatrixCountsScoresAtTheThresholdAsFlagged()
    {
        var t = EvaluationReport.From([(0.7, true), (0.7, false), (0.3, true), (0.1, false)], [0.7]).Thresholds.Single();
        t.Should().Be(new ThresholdMetrics(0.7, 1, 1, 1, 1));
        t.Precision.Should().Be(0.5);
        t.Recall.Should().Be(0.5);
        t.F1.Should().Be(0.5);
    }

    [Fact]
    public void OneClassHasNoAuc()
    {
        double.IsNaN(EvaluationReport.From([(0.7, false), (0.2, false)], [0.5]).RocAuc).Should().BeTrue();
    }
}
