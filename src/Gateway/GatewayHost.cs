using MailFilter.Gateway.WebConsole;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Health;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Records.Archiving;
using MailFilter.Gateway.Smtp;
using Serilog;

namespace MailFilter.Gateway;

/// <summary>Composes the gateway: every concern adds itself through one extension method.</summary>
public static class GatewayHost
{
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var toJournal = GatewayLogging.StandardOutputIsJournal();
        builder.Services.AddSerilog((_, logger) => GatewayLogging.Configure(logger, builder.Configuration, toJournal));

        // Under systemd (Type=notify): READY=1 once SMTP is listening, STOPPING=1 on stop; nothing elsewhere.
        builder.Services.AddSystemd();

        builder.Services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The archiver first: started before delivery and stopped after it (see AddArchive).
        builder.AddArchive();
        builder.AddSmtp();
        builder.AddFiltering();
        builder.AddQueue();
        builder.AddGatewayHealth();
        builder.AddOperationsConsole();

        var app = builder.Build();
        app.MapOperationsConsole();
        CheckBeforeListening(app.Services);
        LogStartAndStop(app);
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

    /// <summary>
    /// A service manager's stop (SIGTERM from systemd, Ctrl+C) is a graceful stop: no new connections, sessions and
    /// deliveries in flight finish within the host's shutdown timeout. Both ends are logged, so the journal shows
    /// that a stop was clean.
    /// </summary>
    static void LogStartAndStop(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MailFilter.Gateway");
        app.Lifetime.ApplicationStarted.Register(() => logger.LogInformation("Started: data in {DataDirectory}",
            app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.FullDataDirectory));
        app.Lifetime.ApplicationStopping.Register(() => logger.LogInformation("Stopping: refusing new connections, finishing sessions and deliveries in flight"));
        app.Lifetime.ApplicationStopped.Register(() => logger.LogInformation("Stopped"));
    }
}
