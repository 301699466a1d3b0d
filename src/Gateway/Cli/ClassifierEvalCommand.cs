using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MailFilter.Classifier;
using MailFilter.Classifier.Data;
using MailFilter.Classifier.Evaluation;
using MailFilter.Classifier.Training;

namespace MailFilter.Gateway.Cli;

/// <summary><c>mailfilter classifier eval --data FILE [--model MODEL] [--json]</c>: ROC AUC, PR AUC and per-threshold counts.</summary>
public static class ClassifierEvalCommand
{
    static readonly Option<string?> Data = new("--data") { Description = "A labelled CSV/TSV file." };
    static readonly Option<string[]> Messages = new("--messages") { Description = "Message files or folders (.eml or mbox-style) to score as well.", AllowMultipleArgumentsPerToken = true };
    static readonly Option<bool> MessagesHarass = new("--messages-harassing") { Description = "The --messages are harassment (default: they are not)." };
    static readonly Option<string?> ModelFile = new("--model") { Description = "A model file. Default: the shipped model." };
    static readonly Option<double[]> Thresholds = new("--threshold") { Description = "Threshold(s) to report. Default: 0.1 … 0.9 and the tag and quarantine thresholds.", AllowMultipleArgumentsPerToken = true };
    static readonly Option<bool> Json = new("--json") { Description = "One JSON object per line: the summary, then one per threshold." };

    public static Command Create()
    {
        var command = new Command("eval", "Evaluate a model on labelled data.");
        command.Options.Add(Data);
        command.Options.Add(Messages);
        command.Options.Add(MessagesHarass);
        command.Options.Add(ModelFile);
        command.Options.Add(Thresholds);
        command.Options.Add(Json);
        ClassifierDataOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => ClassifierCommand.RunAsync("eval", async () =>
        {
            var examples = new List<LabelledExample>();
            if (parse.GetValue(Data) is { } data)
                examples.AddRange(LabelledDataReader.Read(data, ClassifierDataOptions.From(parse)));
            var harassing = parse.GetValue(MessagesHarass);
            foreach (var file in MessageFiles.Expand(parse.GetValue(Messages) ?? []))
                examples.Add(new LabelledExample(MessageFiles.ReadText(file), harassing, file));
            if (examples.Count == 0)
                throw new ArgumentException("nothing to evaluate: give --data FILE or --messages PATH");
            var classifier = parse.GetValue(ModelFile) is { } path ? HarassmentClassifier.Load(path) : HarassmentClassifier.Default;
            var thresholds = parse.GetValue(Thresholds) is { Length: > 0 } given
                ? given
                : EvaluationReport.DefaultThresholds.Append(HarassmentThresholds.Tag).Append(HarassmentThresholds.Quarantine);
            var report = HarassmentEvaluator.Evaluate(classifier, examples, thresholds);
            await (parse.GetValue(Json) ? WriteJson(report, classifier.ModelVersion) : WriteText(report, classifier.ModelVersion));
            return 0;
        }));
        return command;
    }

    static async Task WriteJson(EvaluationReport report, string model)
    {
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
        {
            kind = "summary", model, examples = report.Examples, positives = report.Positives,
            rocAuc = Number(report.RocAuc), prAuc = Number(report.PrAuc), wholeTextRocAuc = Number(report.WholeTextRocAuc),
        }));
        foreach (var t in report.Thresholds)
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
            {
                kind = "threshold", threshold = t.Threshold, precision = Number(t.Precision), recall = Number(t.Recall), f1 = Number(t.F1),
                falsePositiveRate = Number(t.FalsePositiveRate), tp = t.TruePositives, fp = t.FalsePositives, tn = t.TrueNegatives, fn = t.FalseNegatives,
            }));
    }

    static async Task WriteText(EvaluationReport report, string model)
    {
        var o = Console.Out;
        await o.WriteLineAsync($"model {model}: {report.Examples} examples, {report.Positives} harassing");
        await o.WriteLineAsync($"ROC AUC {Format(report.RocAuc)}   PR AUC {Format(report.PrAuc)}   (whole text alone: ROC AUC {Format(report.WholeTextRocAuc)})");
        await o.WriteLineAsync("threshold  precision  recall   F1       FPR      TP     FP     TN     FN");
        foreach (var t in report.Thresholds)
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{t.Threshold,9:0.000}  {Format(t.Precision),9}  {Format(t.Recall),6}  {Format(t.F1),6}  {Format(t.FalsePositiveRate),6}  {t.TruePositives,5}  {t.FalsePositives,5}  {t.TrueNegatives,5}  {t.FalseNegatives,5}"));
    }

    static double? Number(double value) => double.IsNaN(value) ? null : Math.Round(value, 4);

    static string Format(double value) => double.IsNaN(value) ? "-" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
