namespace MailFilter.Gateway.Queue;

/// <summary>Another process holds the queue's owner lock: a second gateway on the same data directory must not start.</summary>
public sealed class QueueOwnedElsewhereException(string queueRoot, string holder)
    : IOException($"the queue {queueRoot} is owned by {holder}; stop it first or give this gateway another --data")
{
    public string QueueRoot { get; } = queueRoot;

    public string Holder { get; } = holder;
}
