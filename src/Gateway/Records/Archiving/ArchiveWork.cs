using MailFilter.Gateway.Queue;

namespace MailFilter.Gateway.Records.Archiving;

/// <summary>
/// One queue entry the archiver has to look at: committed (archive it), or finished (archive it if it is not yet, record
/// what became of it, then remove it from done).
/// </summary>
/// <param name="Id">The queue id.</param>
/// <param name="Finished">The outcome the queue handed over in memory when the entry moved to done; null otherwise.</param>
/// <param name="FinishedOnDisk">
/// Found in done by the scan at start: finished by an earlier run, its outcome only in the envelope on disk (the last
/// attempt's result was not written there; recipients it shows pending get an "outcome not recorded" event).
/// </param>
public sealed record ArchiveWork(string Id, FinishedEntry? Finished = null, bool FinishedOnDisk = false)
{
    /// <summary>Whether the entry is to be removed from done once archived.</summary>
    public bool IsFinished => Finished is not null || FinishedOnDisk;

    /// <summary>Two notices about one entry in one batch: the finished one wins, and what was handed over in memory wins over the disk.</summary>
    public ArchiveWork Merge(ArchiveWork other) =>
        new(Id, Finished ?? other.Finished, FinishedOnDisk || other.FinishedOnDisk);
}
