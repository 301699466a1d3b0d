using System.Collections.Concurrent;
using System.Net;

namespace MailFilter.Gateway.Smtp;

/// <summary>Counts open connections, in total and per client address, against the configured limits.</summary>
internal sealed class SmtpConnectionLimiter(SmtpOptions options, SmtpRelayPolicy relay)
{
    readonly ConcurrentDictionary<IPAddress, int> _perClient = new();
    int _total;

    /// <summary>Takes a slot for <paramref name="client"/>, or gives the 421 reply that refuses it.</summary>
    public bool TryAcquire(IPAddress client, out SmtpReply refusal)
    {
        refusal = default;
        if (Interlocked.Increment(ref _total) > options.MaxConnections)
        {
            Interlocked.Decrement(ref _total);
            refusal = SmtpReplies.TooManyConnections;
            return false;
        }
        if (relay.IsTrusted(client))
            return true;
        if (_perClient.AddOrUpdate(client, 1, static (_, count) => count + 1) > options.MaxConnectionsPerClientAddress)
        {
            Release(client);
            refusal = SmtpReplies.TooManyConnectionsFromClient;
            return false;
        }
        return true;
    }

    public void Release(IPAddress client)
    {
        Interlocked.Decrement(ref _total);
        if (relay.IsTrusted(client))
            return;
        while (_perClient.TryGetValue(client, out var count))
        {
            if (count <= 1 ? _perClient.TryRemove(new KeyValuePair<IPAddress, int>(client, count)) : _perClient.TryUpdate(client, count - 1, count))
                return;
        }
    }
}
