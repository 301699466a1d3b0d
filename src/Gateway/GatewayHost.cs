using MailFilter.Gateway.WebConsole;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Health;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Smtp;
using Serilog;
using Serilog.Events;

namespace MailFilter.Gateway;

/// <summary>Composes the gateway: every concern adds itself through one extension method.</summary>
public static class GatewayHost
{
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            // A start that fails (a port in use) is reported by `serve` in one line, not also as a stack trace here.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting.Internal.Host", LogEventLevel.Fatal)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<MessageIdsEnricher>()
            .WriteTo.Console(outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3}{Ids} {SourceContext}: {Message:lj}{NewLine}{Exception}"));

        builder.Services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddSmtp();
        builder.AddFiltering();
        builder.AddQueue();
        builder.AddGatewayHealth();
        builder.AddOperationsConsole();

        var app = builder.Build();
        app.MapOperationsConsole();
        CheckBeforeListening(app.Services);
        return app;
    }

    /// <summary>
    /// Loads what every message needs before the first connection is taken — the queue directories (created, so a data
    /// directory that cannot be written stops the start), the policy rules and the classifier's model — so a broken
    /// setup stops the start with its reason instead of failing every message later.
    /// </summary>
    static void CheckBeforeListening(IServiceProvider services)
    {
        services.GetRequiredService<MessageQueue>();
        services.GetRequiredService<IMessageJudge>();
        foreach (var source in services.GetServices<RulesScoreSource>())
            source.WarmUp();
    }
}
