namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// What became of the entries that recently left the queue (delivered, bounced, deleted), so that an operator who asks
/// to hold or delete one a moment too late hears "already delivered" rather than "no such entry". Bounded: the
/// oldest are forgotten first; the log keeps every outcome for good.
/// </summary>
public sealed class FinishedEntries(int capacity = 10_000)
{
    readonly Lock gate = new();
    readonly Dictionary<string, string> outcomes = new(StringComparer.Ordinal);
    readonly Queue<string> order = new();

    public void Remember(string id, string outcome)
    {
        lock (gate)
        {
            if (outcomes.TryAdd(id, outcome))
                order.Enqueue(id);
            else
                outcomes[id] = outcome;
            while (order.Count > capacity)
                outcomes.Remove(order.Dequeue());
        }
    }

    public bool TryGet(string id, out string outcome)
    {
        lock (gate)
            return outcomes.TryGetValue(id, out outcome!);
    }
}
