using MailFilter.Gateway.WebConsole;
using MailFilter.Gateway.Filtering;
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
        builder.AddOperationsConsole();

        var app = builder.Build();
        app.MapOperationsConsole();
        return app;
    }
}
