using System.Collections.Concurrent;
using MailKit.Security;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// Open MailKit connections per next hop, reused across messages, with at most
/// <see cref="DeliveryOptions.MaxConnectionsPerHop"/> in use at once per hop.
/// </summary>
public sealed class SmtpConnectionPool(IOptions<DeliveryOptions> options, TimeProvider time, ILogger<SmtpConnectionPool> logger) : IAsyncDisposable
{
    readonly ConcurrentDictionary<NextHop, HopConnections> hops = new();

    public async Task<SmtpConnectionLease> AcquireAsync(NextHop hop, CancellationToken cancellationToken)
    {
        var connections = hops.GetOrAdd(hop, _ => new HopConnections(options.Value.MaxConnectionsPerHop));
        await connections.Slots.WaitAsync(cancellationToken);
        try
        {
            while (connections.Idle.TryTake(out var idle))
            {
                if (idle.IsConnected && time.GetUtcNow() - idle.LastUsed < options.Value.ConnectionIdleTimeout)
                    return new SmtpConnectionLease(this, connections, idle, reused: true);
                await CloseAsync(idle);
            }
            var client = new RelayingSmtpClient(hop)
            {
                LocalDomain = options.Value.EffectiveHostName,
                Timeout = (int)options.Value.CommandTimeout.TotalMilliseconds,
                CheckCertificateRevocation = options.Value.RequireValidCertificates,
            };
            if (!options.Value.RequireValidCertificates)
                client.ServerCertificateValidationCallback = (_, _, _, _) => true;
            try
            {
                await client.ConnectAsync(hop.Host, hop.Port, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            }
            catch
            {
                client.Dispose();
                throw;
            }
            return new SmtpConnectionLease(this, connections, client, reused: false);
        }
        catch
        {
            connections.Slots.Release();
            throw;
        }
    }

    internal void Return(HopConnections connections, RelayingSmtpClient client)
    {
        client.LastUsed = time.GetUtcNow();
        if (client.IsConnected && client.MessagesSent < options.Value.MaxMessagesPerConnection)
            connections.Idle.Add(client);
        else
            _ = CloseAsync(client);
        connections.Slots.Release();
    }

    internal void Discard(HopConnections connections, RelayingSmtpClient client)
    {
        client.Dispose();
        connections.Slots.Release();
    }

    /// <summary>Closes connections idle longer than the idle timeout, so next hops are not held open for nothing.</summary>
    public async Task CloseIdleAsync()
    {
        foreach (var connections in hops.Values)
        {
            var keep = new List<RelayingSmtpClient>();
            while (connections.Idle.TryTake(out var client))
            {
                if (client.IsConnected && time.GetUtcNow() - client.LastUsed < options.Value.ConnectionIdleTimeout)
                    keep.Add(client);
                else
                    await CloseAsync(client);
            }
            foreach (var client in keep)
                connections.Idle.Add(client);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connections in hops.Values)
        {
            while (connections.Idle.TryTake(out var client))
                await CloseAsync(client);
        }
    }

    async Task CloseAsync(RelayingSmtpClient client)
    {
        try
        {
            if (client.IsConnected)
                await client.DisconnectAsync(quit: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "closing idle connection to {NextHop} failed", client.Hop);
        }
        finally
        {
            client.Dispose();
        }
    }

    internal sealed class HopConnections(int maxConnections)
    {
        public SemaphoreSlim Slots { get; } = new(maxConnections, maxConnections);

        public ConcurrentBag<RelayingSmtpClient> Idle { get; } = [];
    }
}
