namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// One async lock per queue id, so that every change to an entry (a delivery attempt and its result, an activation, an
/// operator's hold, release, delete or flush) happens one at a time, in the order asked. Waiters are served first
/// come, first served; a lock nobody holds or waits for takes no memory.
/// </summary>
public sealed class EntryLocks
{
    readonly Lock gate = new();
    readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Waits until no one else holds <paramref name="id"/>'s lock and takes it; dispose the result to let go.</summary>
    public async ValueTask<IDisposable> AcquireAsync(string id, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (gate)
        {
            if (!entries.TryGetValue(id, out entry!))
                entries[id] = entry = new Entry();
            entry.Users++;
        }
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(id, entry);
            throw;
        }
        return new Held(this, id, entry);
    }

    /// <summary>Whether someone holds or waits for <paramref name="id"/>'s lock (for tests and diagnostics).</summary>
    public bool IsBusy(string id)
    {
        lock (gate)
            return entries.ContainsKey(id);
    }

    void Leave(string id, Entry entry)
    {
        lock (gate)
        {
            if (--entry.Users == 0)
                entries.Remove(id);
        }
    }

    sealed class Entry
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users;
    }

    sealed class Held(EntryLocks owner, string id, Entry entry) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) != 0)
                return;
            entry.Semaphore.Release();
            owner.Leave(id, entry);
        }
    }
}
