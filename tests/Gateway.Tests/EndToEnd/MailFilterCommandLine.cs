using System.Diagnostics;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>The built <c>mailfilter</c> (mailfilter.dll beside the tests) run as a real process on a data directory.</summary>
public sealed class MailFilterCommandLine : IDisposable
{
    readonly Process process;
    readonly Task<string> output;
    readonly Task<string> error;

    MailFilterCommandLine(Process process)
    {
        this.process = process;
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts <c>mailfilter ARGUMENTS --data DATA</c> in <paramref name="dataDirectory"/> (no --data when it is null).</summary>
    public static MailFilterCommandLine Start(string? dataDirectory, params string[] arguments) =>
        new(Process.Start(StartInfo(dataDirectory, arguments)) ?? throw new InvalidOperationException("dotnet did not start"));

    /// <summary>Runs the command and keeps its stdout as bytes (e.g. <c>archive raw</c>, whose output must be byte-identical).</summary>
    public static async Task<(int Exit, byte[] Out, string Error)> RunForBytesAsync(string? dataDirectory, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(dataDirectory, arguments)) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new MemoryStream();
        var copied = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await copied;
        return (process.ExitCode, output.ToArray(), await error);
    }

    static ProcessStartInfo StartInfo(string? dataDirectory, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataDirectory ?? Path.GetTempPath() };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mailfilter.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (dataDirectory is not null)
        {
            start.ArgumentList.Add("--data");
            start.ArgumentList.Add(dataDirectory);
        }
        return start;
    }

    public static async Task<(int Exit, string Out, string Error)> RunAsync(string? dataDirectory, params string[] arguments)
    {
        using var command = Start(dataDirectory, arguments);
        return await command.WaitAsync();
    }

    public bool HasExited => process.HasExited;

    public async Task<(int Exit, string Out, string Error)> WaitAsync()
    {
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
