using System.CommandLine;
using MailFilter.Classifier.Corpus;

namespace MailFilter.Gateway.Cli;

/// <summary><c>mailfilter classifier corpus --out FILE</c>: regenerate the project's training corpus.</summary>
public static class ClassifierCorpusCommand
{
    static readonly Option<string> Out = new("--out") { Description = "The CSV file to write.", Required = true };
    static readonly Option<int> Count = new("--count") { Description = "How many rows.", DefaultValueFactory = _ => CorpusGenerator.DefaultCount };
    static readonly Option<int> Seed = new("--seed") { Description = "The random seed.", DefaultValueFactory = _ => CorpusGenerator.DefaultSeed };

    public static Command Create()
    {
        var command = new Command("corpus", "Generate the labelled training corpus from the shipped templates (deterministic).");
        command.Options.Add(Out);
        command.Options.Add(Count);
        command.Options.Add(Seed);
        command.SetAction((parse, cancellationToken) => ClassifierCommand.RunAsync("corpus", async () =>
        {
            var rows = CorpusGenerator.Generate(parse.GetValue(Count), parse.GetValue(Seed));
            await using (var writer = new StreamWriter(parse.GetValue(Out)!))
                CorpusGenerator.WriteCsv(rows, writer);
            await Console.Out.WriteLineAsync($"{rows.Count} rows ({rows.Count(r => r.Label)} harassing, {rows.Count(r => r.Split == "test")} test) -> {parse.GetValue(Out)}");
            return 0;
        }));
        return command;
    }
}
