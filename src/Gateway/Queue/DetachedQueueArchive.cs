namespace MailFilter.Gateway.Queue;

/// <summary>
/// The queue with no archiver in this process: <see cref="Off"/> when archiving is turned off (<c>Records:Enabled=false</c>:
/// finished entries are removed at once, as before the archive existed); <see cref="OnNextStart"/> for a command line that
/// applies queue requests while no gateway runs — a deleted entry then waits in done, and the gateway's archiver takes
/// it on its next start (or removes it, if archiving is off there).
/// </summary>
public sealed class DetachedQueueArchive : IQueueArchive
{
    public static readonly DetachedQueueArchive Off = new(keepsFinishedEntries: false);

    public static readonly DetachedQueueArchive OnNextStart = new(keepsFinishedEntries: true);

    DetachedQueueArchive(bool keepsFinishedEntries) => KeepsFinishedEntries = keepsFinishedEntries;

    public bool KeepsFinishedEntries { get; }

    public void Committed(string id)
    {
    }

    public void Finished(FinishedEntry entry)
    {
    }
}
