using MailFilter.Classifier.Corpus;
using MailFilter.Classifier.Evaluation;
using MailFilter.Classifier.Model;
using MailFilter.Classifier.Training;

namespace MailFilter.Classifier.Tests;

public class TrainingTests
{
    static List<LabelledExample> SmallCorpus(string split) =>
        CorpusGenerator.Generate(count: 600, seed: 11)
            .Where(r => r.Split == split)
            .Select(r => new LabelledExample(r.Text, r.Label, r.Id))
            .ToList();

    [Fact]
    public void Training_twice_on_the_same_data_gives_the_same_model_and_metrics()
    {
        var train = SmallCorpus("train");
        var test = SmallCorpus("test");
        var options = new TrainingOptions { MaximumIterations = 50 };

        var first = HarassmentTrainer.Train(train, options);
        var second = HarassmentTrainer.Train(train, options);

        second.Version.Should().Be(first.Version);
        second.Bias.Should().Be(first.Bias);
        var a = HarassmentEvaluator.Evaluate(new HarassmentClassifier(first), test, EvaluationReport.DefaultThresholds);
        var b = HarassmentEvaluator.Evaluate(new HarassmentClassifier(second), test, EvaluationReport.DefaultThresholds);
        b.RocAuc.Should().Be(a.RocAuc);
        b.Thresholds.Should().BeEquivalentTo(a.Thresholds);
        a.RocAuc.Should().BeGreaterThan(0.7, "even a small generated corpus separates the classes on unseen templates");
    }

    [Fact]
    public void A_saved_model_loads_with_the_same_scores()
    {
        using var temp = new TempDirectory();
        var model = HarassmentTrainer.Train(SmallCorpus("train"), new TrainingOptions { MaximumIterations = 30 });
        var path = Path.Combine(temp.Path, "m.mfhc");
        model.Save(path);
        var loaded = LinearModel.Load(path);

        loaded.Version.Should().Be(model.Version);
        loaded.Space.Dimension.Should().Be(model.Space.Dimension);
        const string text = "You are a worthless clown. The agenda is attached.";
        new HarassmentClassifier(loaded).Score(text).Should().BeEquivalentTo(new HarassmentClassifier(model).Score(text));
    }

    [Fact]
    public void A_corrupt_model_file_is_rejected_with_a_reason()
    {
        using var temp = new TempDirectory();
        var path = temp.File("bad.mfhc", "not a model");
        var load = () => LinearModel.Load(path);
        load.Should().Throw<InvalidDataException>();
    }

    [Fact]
    public void Training_needs_both_classes()
    {
        var train = () => HarassmentTrainer.Train([new LabelledExample("hello there", false, "x")], new TrainingOptions());
        train.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("harassment-corpus.csv", false)]
    [InlineData("blind-held-out.csv", true)]
    public void The_committed_corpus_files_are_what_the_generator_makes(string file, bool blindHeldOut)
    {
        var committed = Path.Combine(RepositoryPaths.Root, "src", "Classifier", "Corpus", file);
        using var writer = new StringWriter();
        CorpusGenerator.WriteCsv(blindHeldOut ? CorpusGenerator.GenerateBlindHeldOut() : CorpusGenerator.Generate(), writer);
        File.ReadAllText(committed).Should().Be(writer.ToString(),
            "regenerate it with `mailfilter classifier corpus [--blind-held-out] --out` after changing the grammar");
    }

    [Theory]
    [InlineData(-1.0, 0.0)]
    [InlineData(-60.0, 25.0)]
    [InlineData(-0.001, -8.0)]
    public void Calibration_reaches_the_same_optimum_from_any_starting_point(double slope, double offset)
    {
        var heldOut = SmallCorpus("test");
        var shipped = HarassmentClassifier.Default.Model;
        var reference = PlattCalibration.Fit(shipped, heldOut);

        var fitted = PlattCalibration.Fit(shipped.WithCalibration((float)slope, (float)offset), heldOut);

        fitted.PlattSlope.Should().BeApproximately(reference.PlattSlope, 1e-3f);
        fitted.PlattOffset.Should().BeApproximately(reference.PlattOffset, 1e-3f);
    }

    [Fact]
    public void Calibration_finds_the_lowest_log_loss_on_a_grid()
    {
        var raw = Enumerable.Range(0, 400).Select(i => (i % 40) / 4.0 - 5).ToArray();
        var targets = raw.Select((score, i) => score + (i % 7) - 3 > 0 ? 0.99 : 0.01).ToArray();
        var gridBest = double.MaxValue;
        for (var a = -20.0; a <= 0; a += 0.05)
            for (var b = -10.0; b <= 10; b += 0.05)
                gridBest = Math.Min(gridBest, PlattCalibration.LogLoss(raw, targets, a, b));

        var (slope, offset) = PlattCalibration.Solve(raw, targets, positives: targets.Count(t => t > 0.5), negatives: targets.Count(t => t < 0.5));

        PlattCalibration.LogLoss(raw, targets, slope, offset).Should().BeLessThanOrEqualTo(gridBest + 1e-9);
    }
}
