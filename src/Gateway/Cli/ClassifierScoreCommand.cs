using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MailFilter.Classifier;
using MailFilter.Classifier.Data;

namespace MailFilter.Gateway.Cli;

/// <summary><c>mailfilter classifier score FILE|DIR... [--model MODEL] [--json]</c>: the score and why, per message.</summary>
public static class ClassifierScoreCommand
{
    static readonly Argument<string[]> Paths = new("paths") { Description = "Message files or folders.", Arity = ArgumentArity.OneOrMore };
    static readonly Option<string?> ModelFile = new("--model") { Description = "A model file. Default: the shipped model." };
    static readonly Option<bool> Json = new("--json") { Description = "One JSON object per message, one per line." };

    public static Command Create()
    {
        var command = new Command("score", "Score messages and show the sentences and terms that drove each score.");
        command.Arguments.Add(Paths);
        command.Options.Add(ModelFile);
        command.Options.Add(Json);
        command.SetAction((parse, cancellationToken) => ClassifierCommand.RunAsync("score", async () =>
        {
            var classifier = parse.GetValue(ModelFile) is { } path ? HarassmentClassifier.Load(path) : HarassmentClassifier.Default;
            foreach (var file in MessageFiles.Expand(parse.GetValue(Paths)!))
            {
                var score = classifier.Score(MessageFiles.Load(file));
                if (parse.GetValue(Json))
                {
                    await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new { file, classifier = new { harassment = Math.Round(score.Probability, 4) }, explanation = score }, JsonOptions));
                    continue;
                }
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{file}: harassment {score.Probability:0.000} ({Action(score.Probability)})"));
                foreach (var sentence in score.TopSentences)
                    await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {sentence.Probability:0.000}  {sentence.Text}"));
                await Console.Out.WriteLineAsync("  terms: " + string.Join(", ", score.TopTerms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Term} (+{t.Weight:0.00})"))));
            }
            return 0;
        }));
        return command;
    }

    static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    static string Action(double probability) =>
        probability >= HarassmentThresholds.Quarantine ? "quarantine" : probability >= HarassmentThresholds.Tag ? "tag" : "pass";
}
