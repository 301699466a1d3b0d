using System.Diagnostics;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>Runs the built <c>mailfilter</c> (mailfilter.dll beside the tests) as a real process and returns what it printed.</summary>
public static class MailFilterCli
{
    public sealed record Result(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Errors);

    public static Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mailfilter.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
            output.Add(line);
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mailfilter {string.Join(' ', arguments)} did not finish");
        }
        return new Result(process.ExitCode, output, errors.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
