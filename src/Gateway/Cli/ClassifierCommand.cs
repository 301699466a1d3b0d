using System.CommandLine;

namespace MailFilter.Gateway.Cli;

/// <summary><c>mailfilter classifier</c>: build, train, evaluate and try the harassment model.</summary>
public static class ClassifierCommand
{
    public static Command Create()
    {
        var command = new Command("classifier", "The harassment classifier: generate its corpus, train, evaluate, score messages.");
        command.Subcommands.Add(ClassifierCorpusCommand.Create());
        command.Subcommands.Add(ClassifierTrainCommand.Create());
        command.Subcommands.Add(ClassifierEvalCommand.Create());
        command.Subcommands.Add(ClassifierScoreCommand.Create());
        return command;
    }

    /// <summary>Runs a verb's body; a bad file or argument becomes a one-line reason and a non-zero exit.</summary>
    internal static async Task<int> RunAsync(string verb, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or UnauthorizedAccessException or InvalidOperationException)
        {
            var reason = e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message;
            await Console.Error.WriteLineAsync($"mailfilter classifier {verb}: {reason.ReplaceLineEndings(" ")}");
            return 1;
        }
    }
}
