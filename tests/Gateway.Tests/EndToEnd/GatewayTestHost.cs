using System.Net;
using MailFilter.Gateway.Smtp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>The whole gateway (GatewayHost.Build) in-process: SMTP and console on port 0, its own data directory.</summary>
public sealed class GatewayTestHost : IAsyncDisposable
{
    readonly WebApplication app;

    GatewayTestHost(WebApplication app, string dataDirectory)
    {
        this.app = app;
        DataDirectory = dataDirectory;
        EndPoint = app.Services.GetRequiredService<SmtpListener>().EndPoint;
    }

    public IPEndPoint EndPoint { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => app.Services;

    public string QueueDirectory(string state) => Path.Combine(DataDirectory, "queue", state);

    /// <summary>The envelope (with the verdict) stored in a queue file, as JSON.</summary>
    public string EnvelopeJson(string state, string id) =>
        System.Text.Json.JsonSerializer.Serialize(MailFilter.Gateway.Queue.QueueFile.Read(Path.Combine(QueueDirectory(state), id)).Envelope, MailFilter.Gateway.Queue.QueueJson.Indented);

    /// <summary>The console's bound URL (metrics, health).</summary>
    public string ConsoleUrl => app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First(address => !address.EndsWith($":{EndPoint.Port}", StringComparison.Ordinal));

    public static async Task<GatewayTestHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        var values = new Dictionary<string, string?>
        {
            ["Smtp:Listen"] = "127.0.0.1:0",
            ["Smtp:ServerName"] = "gateway.test",
            ["Console:Url"] = "http://127.0.0.1:0",
            ["Gateway:DataDirectory"] = dataDirectory,
            ["Delivery:HostName"] = "gateway.test",
            ["Queue:ScanInterval"] = "00:00:00.100",
            ["Queue:RetrySchedule:0"] = "00:00:00.500",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        builder.Configuration.AddInMemoryCollection(values);
        services?.Invoke(builder.Services);
        var app = GatewayHost.Build(builder);
        await app.StartAsync();
        return new GatewayTestHost(app, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
