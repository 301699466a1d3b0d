using System.Net;
using MailFilter.Gateway.Smtp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>A minimal host with only the SMTP server (through AddSmtp) on 127.0.0.1 port 0, and its own data directory.</summary>
public sealed class SmtpTestHost : IAsyncDisposable
{
    readonly WebApplication _app;

    SmtpTestHost(WebApplication app, DirectoryInfo dataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        EndPoint = app.Services.GetRequiredService<SmtpListener>().EndPoint;
    }

    public IPEndPoint EndPoint { get; }

    public DirectoryInfo DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SmtpTestHost> StartAsync(IMessageReceiver receiver, IDictionary<string, string?>? settings = null, DirectoryInfo? dataDirectory = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("mailfilter-smtp-");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        var values = new Dictionary<string, string?>
        {
            ["Smtp:Listen"] = "127.0.0.1:0",
            ["Smtp:ServerName"] = "mx.test",
            ["Gateway:DataDirectory"] = dataDirectory.FullName,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        builder.Services.AddSingleton(receiver);
        builder.AddSmtp();
        var app = builder.Build();
        await app.StartAsync();
        return new SmtpTestHost(app, dataDirectory);
    }

    /// <summary>Stops the host and keeps the data directory.</summary>
    public async ValueTask StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            DataDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test for it would not be.
        }
    }
}
