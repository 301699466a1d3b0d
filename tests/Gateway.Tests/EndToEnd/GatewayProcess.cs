using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>The built gateway (mailfilter.dll beside the tests) run as a real child process, so it can be killed with SIGKILL.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    readonly Process process;

    GatewayProcess(Process process, IPEndPoint endPoint)
    {
        this.process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    public static async Task<GatewayProcess> StartAsync(string dataDirectory, int smtpPort, string nextHop)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "mailfilter.dll"), "serve",
            "--smtp", $"127.0.0.1:{smtpPort}", "--console", "http://127.0.0.1:0", "--data", dataDirectory, "--next-hop", nextHop,
            "--Queue:ScanInterval=00:00:00.100", "--Queue:RetrySchedule:0=00:00:00.500", "--Delivery:HostName=gateway.test",
        })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var gateway = new GatewayProcess(process, new IPEndPoint(IPAddress.Loopback, smtpPort));
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) gateway.Output.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) gateway.Output.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitUntilListeningAsync();
        return gateway;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power cut for the process.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the gateway exited with {process.ExitCode}: {string.Join("\n", Output)}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(EndPoint);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
