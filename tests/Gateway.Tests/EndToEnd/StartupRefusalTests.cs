using System.Diagnostics;
using System.Text;
using MailFilter.Gateway.Tests.Queue;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>A gateway that cannot judge mail does not start: `serve` exits with the reason instead of listening blind.</summary>
public class StartupRefusalTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("missing", "rules folder not found")]
    [InlineData("empty", "no policy rules in this folder")]
    [InlineData("broken", "not valid YAML")]
    public async Task Serve_with_a_missing_empty_or_broken_rules_folder_exits_with_the_reason(string kind, string reason)
    {
        var rules = Path.Combine(temp.Path, "rules-" + kind);
        if (kind != "missing")
            Directory.CreateDirectory(rules);
        if (kind == "broken")
            await File.WriteAllTextAsync(Path.Combine(rules, "pack.yaml"), "category: demo\nrules: [ {id: X\n");

        var (exitCode, errors) = await RunServeAsync("--rules", rules);

        exitCode.Should().Be(2);
        errors.Should().Contain(line => line.Contains(reason));
        errors.Last().Should().StartWith("mailfilter: not started: the policy rules were refused");
    }

    [Fact]
    public async Task An_empty_policy_runs_only_when_the_admin_says_so()
    {
        var rules = Directory.CreateDirectory(Path.Combine(temp.Path, "rules-empty")).FullName;

        var (exitCode, errors) = await RunServeAsync(["--rules", rules, "--Filtering:AllowEmptyPolicy=true"], stopWhenListening: true);

        errors.Should().NotContain(line => line.Contains("policy rules were refused"));
        exitCode.Should().Be(-1, "it started and listened until the test stopped it");
    }

    Task<(int ExitCode, List<string> Errors)> RunServeAsync(params string[] arguments) => RunServeAsync(arguments, stopWhenListening: false);

    /// <returns>The exit code, or -1 when <paramref name="stopWhenListening"/> and the gateway reached "SMTP listening".</returns>
    async Task<(int ExitCode, List<string> Errors)> RunServeAsync(string[] arguments, bool stopWhenListening)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = temp.Path };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "mailfilter.dll"), "serve", "--smtp", "127.0.0.1:0", "--console", "http://127.0.0.1:0", "--data", Path.Combine(temp.Path, "data") }.Concat(arguments))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var listening = new TaskCompletionSource();
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) =>
        {
            lock (output)
                output.AppendLine(line.Data);
            if (line.Data?.Contains("SMTP listening") == true)
                listening.TrySetResult();
        };
        process.BeginOutputReadLine();
        var errors = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(exited, listening.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != exited)
        {
            process.Kill(entireProcessTree: true);
            await exited;
            if (first == listening.Task && stopWhenListening)
                return (-1, (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList());
            throw new TimeoutException($"serve kept running: {output}");
        }
        return (process.ExitCode, (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList());
    }
}
