using System.Net;
using MailFilter.Gateway.Health;
using Prometheus;

// Namespace WebConsole, not Console: a MailFilter.Gateway.Console namespace would hide System.Console in every file of the gateway.
namespace MailFilter.Gateway.WebConsole;

/// <summary>The HTTP side of the gateway: health and Prometheus metrics (the console UI comes with the records work).</summary>
public static class OperationsConsoleExtensions
{
    public static WebApplicationBuilder AddOperationsConsole(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var endpoint = ParseHttpEndPoint(options.Url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        return builder;
    }

    public static WebApplication MapOperationsConsole(this WebApplication app)
    {
        app.MapGatewayHealth();
        app.MapMetrics("/metrics");
        return app;
    }

    static IPEndPoint ParseHttpEndPoint(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            throw new OptionsValidationException(ConsoleOptions.Section, typeof(ConsoleOptions), [$"Console:Url '{url}' is not an http:// URL"]);
        var address = uri.Host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip
            : throw new OptionsValidationException(ConsoleOptions.Section, typeof(ConsoleOptions), [$"Console:Url host '{uri.Host}' must be an IP address or localhost"]);
        return new IPEndPoint(address, uri.Port);
    }
}
