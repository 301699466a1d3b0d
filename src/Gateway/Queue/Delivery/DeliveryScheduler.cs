using System.Collections.Concurrent;
using System.Threading.Channels;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>Active entries waiting for a delivery worker; an id is scheduled at most once until it is finished.</summary>
public sealed class DeliveryScheduler
{
    readonly Channel<string> ready = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    readonly ConcurrentDictionary<string, byte> scheduled = new();

    public ChannelReader<string> Ready => ready.Reader;

    /// <summary>Returns false if the entry is already scheduled or being delivered.</summary>
    public bool Schedule(string id)
    {
        if (!scheduled.TryAdd(id, 0))
            return false;
        ready.Writer.TryWrite(id);
        return true;
    }

    public void Finished(string id) => scheduled.TryRemove(id, out _);
}
