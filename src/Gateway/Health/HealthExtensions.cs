using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailFilter.Gateway.Health;

public static class HealthExtensions
{
    /// <summary>Registers the checks behind /healthz: policy (rules and model), queue storage (writable, free space), next hop.</summary>
    public static WebApplicationBuilder AddGatewayHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHealthChecks()
            .AddCheck<PolicyHealthCheck>("policy")
            .AddCheck<QueueStorageHealthCheck>("queue")
            .AddCheck<NextHopHealthCheck>("nextHop");
        return builder;
    }

    /// <summary>GET (and HEAD) /healthz: 200 when healthy or degraded, 503 when unhealthy; other methods are not allowed.</summary>
    public static IEndpointConventionBuilder MapGatewayHealth(this WebApplication app) =>
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = HealthReportWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
}
