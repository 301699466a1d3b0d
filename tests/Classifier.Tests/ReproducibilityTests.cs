using MailFilter.Classifier.Data;
using MailFilter.Classifier.Training;

namespace MailFilter.Classifier.Tests;

public class ReproducibilityTests
{
    [Fact]
    public void Training_on_the_committed_corpus_reproduces_the_shipped_model()
    {
        var corpus = Path.Combine(RepositoryPaths.Root, "src", "Classifier", "Corpus", "harassment-corpus.csv");
        var train = LabelledDataReader.Read(corpus, new DataSourceOptions { Split = "train" });
        var heldOut = LabelledDataReader.Read(corpus, new DataSourceOptions { Split = "test" });

        var model = PlattCalibration.Fit(HarassmentTrainer.Train(train, new TrainingOptions()), heldOut);

        var retrained = new HarassmentClassifier(model);
        var shipped = HarassmentClassifier.Default;
        foreach (var example in heldOut.Take(300))
            retrained.Probability(example.Text).Should().BeApproximately(shipped.Probability(example.Text), 1e-4, example.Source);
    }
}
