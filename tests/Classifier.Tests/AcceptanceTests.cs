using MailFilter.Classifier.Data;
using MailFilter.Classifier.Evaluation;
using MailFilter.Classifier.Training;

namespace MailFilter.Classifier.Tests;

/// <summary>The model card's acceptance numbers, measured on the public data when this machine has it.</summary>
public class AcceptanceTests
{
    [SkippableFact]
    public void OLID_targeted_offences_are_ranked_above_the_rest_without_training_on_OLID()
    {
        var olid = SharedData.RequireDirectory("olid");
        var examples = LabelledDataReader.Read(Path.Combine(olid, "testset-levela.tsv"), new DataSourceOptions
        {
            TextColumn = "tweet",
            LabelFiles = [Path.Combine(olid, "labels-levela.csv"), Path.Combine(olid, "labels-levelb.csv")],
            PositiveLabels = ["OFF+TIN"],
        });

        HarassmentEvaluator.Evaluate(HarassmentClassifier.Default, examples, []).RocAuc.Should().BeGreaterThanOrEqualTo(0.72);
    }

    [SkippableFact]
    public void Fewer_than_half_a_percent_of_easy_ham_reaches_the_quarantine_threshold()
    {
        var folders = new[] { "spamassassin/easy_ham", "spamassassin/easy_ham_2" }.Select(SharedData.RequireDirectory);
        var examples = MessageFiles.Expand(folders).Select(f => new LabelledExample(MessageFiles.ReadText(f), false, f)).ToList();

        var report = HarassmentEvaluator.Evaluate(HarassmentClassifier.Default, examples, [HarassmentThresholds.Quarantine]);

        report.Thresholds.Single().FalsePositiveRate.Should().BeLessThan(0.005);
    }
}
