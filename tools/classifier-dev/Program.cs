using System.Globalization;
using MailFilter.Classifier;
using MailFilter.Classifier.Corpus;
using MailFilter.Classifier.Data;
using MailFilter.Classifier.Evaluation;
using MailFilter.Classifier.Features;
using MailFilter.Classifier.Training;

// Development measurements that never read a held-out row: template k-fold cross-validation over the training split
// of the generated corpus (each fold's templates unseen by its model) and ROC AUC on OLID's training file, both for
// several sentence margins. Settings: classifier-dev [--l2 X] [--length-exponent X] [--no-classes] [--char-grams 5-6] [--folds K]
// [--count N] [--olid FILE]
var settings = Settings.Parse(args);
var space = new FeatureSpace(18, 18, settings.MinCharGram, settings.MaxCharGram, 12, 40, settings.LengthExponent, settings.WordClasses);
var options = new TrainingOptions { L2Regularization = settings.L2, Space = space };
double[] margins = [0.5, 1, 2, 3, double.PositiveInfinity];

var rows = CorpusGenerator.Generate(settings.Count).Where(r => r.Split == "train").ToList();
Console.WriteLine($"{rows.Count} training rows, {rows.Select(r => r.Template).Distinct().Count()} templates; " +
    $"l2 {settings.L2}, length exponent {settings.LengthExponent}, word classes {settings.WordClasses}, character {settings.MinCharGram}-{settings.MaxCharGram}-grams");

var foldAuc = new double[margins.Length];
for (var fold = 0; fold < settings.Folds; fold++)
{
    var model = HarassmentTrainer.Train(rows.Where(r => FoldOf(r.Template) != fold).Select(Example).ToList(), options);
    var unseen = rows.Where(r => FoldOf(r.Template) == fold).ToList();
    for (var m = 0; m < margins.Length; m++)
    {
        var classifier = new HarassmentClassifier(model, margins[m]);
        foldAuc[m] += EvaluationReport.From(unseen.Select(r => (classifier.Probability(r.Text), r.Label)).ToList(), []).RocAuc / settings.Folds;
    }
}
Console.WriteLine("template CV ROC AUC by sentence margin: " + string.Join("  ", margins.Select((m, i) => $"{m}: {foldAuc[i]:F4}")));

if (File.Exists(settings.Olid))
{
    var full = HarassmentTrainer.Train(rows.Select(Example).ToList(), options);
    var olid = LabelledDataReader.Read(settings.Olid, new DataSourceOptions { TextColumn = "tweet", LabelColumns = ["subtask_a", "subtask_b"], PositiveLabels = ["OFF+TIN"] });
    Console.WriteLine("OLID training ROC AUC by sentence margin: " + string.Join("  ",
        margins.Select(m => $"{m}: {HarassmentEvaluator.Evaluate(new HarassmentClassifier(full, m), olid, []).RocAuc:F4}")));
}

int FoldOf(string template)
{
    var h = 17u;
    foreach (var c in template)
        h = (h ^ c) * 16777619u;
    return (int)(((h ^ (h >> 15)) * 2654435761u >> 7) % (uint)settings.Folds);
}

static LabelledExample Example(CorpusRow row) => new(row.Text, row.Label, row.Id);

sealed record Settings(float L2, double LengthExponent, bool WordClasses, int MinCharGram, int MaxCharGram, int Folds, int Count, string Olid)
{
    public static Settings Parse(string[] args)
    {
        var defaults = new TrainingOptions();
        var settings = new Settings(defaults.L2Regularization, defaults.Space.LengthExponent, defaults.Space.UsesWordClasses, defaults.Space.MinCharGram, defaults.Space.MaxCharGram, 5,
            CorpusGenerator.DefaultCount, "../shared/data/olid/olid-training-v1.0.tsv");
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => args[++i];
            settings = args[i] switch
            {
                "--l2" => settings with { L2 = float.Parse(Next(), CultureInfo.InvariantCulture) },
                "--length-exponent" => settings with { LengthExponent = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--no-classes" => settings with { WordClasses = false },
                "--char-grams" => Next().Split('-') is [var min, var max]
                    ? settings with { MinCharGram = int.Parse(min, CultureInfo.InvariantCulture), MaxCharGram = int.Parse(max, CultureInfo.InvariantCulture) }
                    : throw new ArgumentException("--char-grams MIN-MAX"),
                "--folds" => settings with { Folds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--count" => settings with { Count = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--olid" => settings with { Olid = Next() },
                _ => throw new ArgumentException($"unknown setting {args[i]}"),
            };
        }
        return settings;
    }
}
