using MailFilter.Classifier.Evaluation;

namespace MailFilter.Classifier.Tests;

public class EvaluationReportTests
{
    [Fact]
    public void Perfect_separation_has_AUC_1()
    {
        var report = EvaluationReport.From([(0.9, true), (0.8, true), (0.2, false), (0.1, false)], [0.5]);
        report.RocAuc.Should().Be(1);
        report.PrAuc.Should().Be(1);
        report.Thresholds.Single().Should().Be(new ThresholdMetrics(0.5, 2, 0, 2, 0));
    }

    [Fact]
    public void Ties_count_half()
    {
        EvaluationReport.From([(0.5, true), (0.5, false)], []).RocAuc.Should().Be(0.5);
    }

    [Fact]
    public void The_confusion_matrix_counts_scores_at_the_threshold_as_flagged()
    {
        var t = EvaluationReport.From([(0.7, true), (0.7, false), (0.3, true), (0.1, false)], [0.7]).Thresholds.Single();
        t.Should().Be(new ThresholdMetrics(0.7, 1, 1, 1, 1));
        t.Precision.Should().Be(0.5);
        t.Recall.Should().Be(0.5);
        t.F1.Should().Be(0.5);
    }

    [Fact]
    public void One_class_has_no_AUC()
    {
        double.IsNaN(EvaluationReport.From([(0.7, false), (0.2, false)], [0.5]).RocAuc).Should().BeTrue();
    }
}
