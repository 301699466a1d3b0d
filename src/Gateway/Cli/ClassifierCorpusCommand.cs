using System.CommandLine;
using MailFilter.Classifier.Corpus;

namespace MailFilter.Gateway.Cli;

/// <summary><c>mailfilter classifier corpus --out FILE [--blind-held-out]</c>: regenerate the training corpus or the blind held-out set.</summary>
public static class ClassifierCorpusCommand
{
    static readonly Option<string> Out = new("--out") { Description = "The CSV file to write.", Required = true };
    static readonly Option<int?> Count = new("--count") { Description = $"How many rows. Default: {CorpusGenerator.DefaultCount}, or {CorpusGenerator.DefaultBlindCount} with --blind-held-out." };
    static readonly Option<bool> BlindHeldOut = new("--blind-held-out") { Description = "Generate the blind held-out set (the grammar's 'blind' groups) instead of the training corpus." };
    static readonly Option<int> Seed = new("--seed") { Description = "The random seed.", DefaultValueFactory = _ => CorpusGenerator.DefaultSeed };

    public static Command Create()
    {
        var command = new Command("corpus", "Generate the labelled training corpus from the shipped templates (deterministic).");
        command.Options.Add(Out);
        command.Options.Add(Count);
        command.Options.Add(Seed);
        command.Options.Add(BlindHeldOut);
        command.SetAction((parse, cancellationToken) => ClassifierCommand.RunAsync("corpus", async () =>
        {
            var rows = parse.GetValue(BlindHeldOut)
                ? CorpusGenerator.GenerateBlindHeldOut(parse.GetValue(Count) ?? CorpusGenerator.DefaultBlindCount, parse.GetValue(Seed))
                : CorpusGenerator.Generate(parse.GetValue(Count) ?? CorpusGenerator.DefaultCount, parse.GetValue(Seed));
            await using (var writer = new StreamWriter(parse.GetValue(Out)!))
                CorpusGenerator.WriteCsv(rows, writer);
            await Console.Out.WriteLineAsync($"{rows.Count} rows ({rows.Count(r => r.Label)} harassing, {rows.Count(r => r.Split == "test")} test) -> {parse.GetValue(Out)}");
            return 0;
        }));
        return command;
    }
}
