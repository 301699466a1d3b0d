using System.Net.Sockets;
using MailFilter.Gateway.Queue.Delivery;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailFilter.Gateway.Health;

/// <summary>
/// Whether the configured next hop accepts a TCP connection. Unreachable is degraded, not unhealthy: mail is still
/// accepted and queued, and delivered when the next hop is back.
/// </summary>
public sealed class NextHopHealthCheck(IOptions<DeliveryOptions> delivery, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!NextHop.TryParse(delivery.Value.NextHop, out var hop))
            return HealthCheckResult.Healthy(delivery.Value.UseMx ? "delivery by MX records" : "delivery to the outbox folder");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.NextHopProbeTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(hop.Host, hop.Port, timeout.Token);
            return HealthCheckResult.Healthy($"{hop.Host}:{hop.Port} reachable");
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"{hop.Host}:{hop.Port} unreachable ({exception.Message}); mail waits in the queue");
        }
    }
}
