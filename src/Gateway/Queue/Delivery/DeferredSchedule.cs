namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>Deferred entries by next attempt time, kept in memory and rebuilt from the deferred directory on rescan.</summary>
public sealed class DeferredSchedule
{
    readonly Lock gate = new();
    readonly Dictionary<string, DateTimeOffset> due = [];

    public int Count
    {
        get { lock (gate) return due.Count; }
    }

    public void Add(string id, DateTimeOffset nextAttemptAt)
    {
        lock (gate)
            due[id] = nextAttemptAt;
    }

    /// <summary>Forgets an entry that left deferred (held, deleted or flushed by an operator).</summary>
    public void Remove(string id)
    {
        lock (gate)
            due.Remove(id);
    }

    public void Replace(IEnumerable<(string Id, DateTimeOffset NextAttemptAt)> entries)
    {
        lock (gate)
        {
            due.Clear();
            foreach (var (id, nextAttemptAt) in entries)
                due[id] = nextAttemptAt;
        }
    }

    /// <summary>Removes and returns the entries due at <paramref name="now"/>, oldest id first.</summary>
    public IReadOnlyList<string> TakeDue(DateTimeOffset now)
    {
        lock (gate)
        {
            var ready = due.Where(pair => pair.Value <= now).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
            foreach (var id in ready)
                due.Remove(id);
            return ready;
        }
    }
}
