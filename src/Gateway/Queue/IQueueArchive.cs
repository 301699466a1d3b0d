namespace MailFilter.Gateway.Queue;

/// <summary>
/// The archive as the queue sees it. The committed queue file is the archive's journal: the queue tells the archive
/// which entries were committed (so it ingests them promptly, after the 250) and which are finished (so it records
/// their outcome and then removes them from <see cref="QueueState.Done"/>). Calls return at once; they never do I/O
/// on the caller's path. The archive finds whatever a lost call would have told it by scanning the queue on start.
/// </summary>
public interface IQueueArchive
{
    /// <summary>
    /// True: a finished entry (delivered, bounced, deleted) moves to <see cref="QueueState.Done"/> and waits there until
    /// the archive has it. False (archiving off): it is removed at once.
    /// </summary>
    bool KeepsFinishedEntries { get; }

    /// <summary>An entry was committed (acknowledged with a 250, or a notification the gateway queued): archive it.</summary>
    void Committed(string id);

    /// <summary>An entry moved to done: record what became of each recipient, then remove the entry.</summary>
    void Finished(FinishedEntry entry);
}
