using System.Diagnostics;
using System.Text;

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

    [Theory]
    [InlineData("--Smtp:MaxMessageSizeBytes=abc", "mailfilter: invalid configuration: Smtp:MaxMessageSizeBytes = 'abc' is not a whole number")]
    [InlineData("--Smtp:CommandTimeout=forever", "mailfilter: invalid configuration: Smtp:CommandTimeout = 'forever' is not a duration such as 00:05:00 ([d.]hh:mm:ss)")]
    public async Task A_setting_of_the_wrong_type_is_one_line_naming_key_value_and_what_is_expected(string setting, string expected)
    {
        var (exitCode, errors) = await RunServeAsync(setting);

        exitCode.Should().Be(2);
        errors.Should().Equal(expected);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_naming_the_address_and_its_setting()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, errors) = await RunServeAsync("--console", $"http://127.0.0.1:{port}");

        errors.Should().Equal($"mailfilter: not started: 127.0.0.1:{port} is already in use (Console:Url)");
        exitCode.Should().Be(2);
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
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mailfilter.dll"));
        start.ArgumentList.Add("serve");
        foreach (var (option, value) in new[] { ("--smtp", "127.0.0.1:0"), ("--console", "http://127.0.0.1:0"), ("--data", Path.Combine(temp.Path, "data")) })
        {
            if (arguments.Contains(option))
                continue;
            start.ArgumentList.Add(option);
            start.ArgumentList.Add(value);
        }
        foreach (var argument in arguments)
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
