using System.Collections.Concurrent;

namespace MailFilter.Gateway.Records.Archiving;

/// <summary>
/// Where archiving stands, for /healthz and the backlog gauge: the entries waiting for it — committed and not yet
/// archived, finished and not yet removed from done — each with the time it started waiting, and how the last batch went.
/// Written by the queue's callers (a notice) and the archiver (a batch); read by the health check.
/// </summary>
public sealed class ArchiverStatus(TimeProvider time)
{
    readonly ConcurrentDictionary<string, DateTimeOffset> unarchived = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, DateTimeOffset> done = new(StringComparer.Ordinal);
    volatile BatchState last = new(null, null, 0, null);

    /// <summary>Entries committed and not yet in the archive.</summary>
    public int Unarchived => unarchived.Count;

    /// <summary>Entries in done whose outcome is not yet in the archive.</summary>
    public int Done => done.Count;

    public int Backlog => unarchived.Count + done.Count;

    /// <summary>When the entry that has waited longest started waiting; null when none waits.</summary>
    public DateTimeOffset? OldestWaitingSince
    {
        get
        {
            DateTimeOffset? oldest = null;
            foreach (var since in unarchived.Values.Concat(done.Values))
                if (oldest is null || since < oldest)
                    oldest = since;
            return oldest;
        }
    }

    /// <summary>When the last batch ended, whether it failed (and why), and how many batches in a row have failed.</summary>
    public DateTimeOffset? LastBatchAt => last.At;

    public string? LastError => last.Error;

    public int ConsecutiveFailures => last.ConsecutiveFailures;

    public DateTimeOffset? LastSuccessAt => last.LastSuccessAt;

    public void Committed(string id) => unarchived.TryAdd(id, time.GetUtcNow());

    public void Finished(string id) => done.TryAdd(id, time.GetUtcNow());

    /// <summary>A batch went through: its archived entries no longer wait to be archived, its completed and gone ones not at all.</summary>
    public void Succeeded(ArchiveBatchResult result)
    {
        foreach (var id in result.Archived)
            unarchived.TryRemove(id, out _);
        foreach (var id in result.Completed.Concat(result.Gone))
        {
            unarchived.TryRemove(id, out _);
            done.TryRemove(id, out _);
        }
        var now = time.GetUtcNow();
        last = new BatchState(now, null, 0, now);
        Publish();
    }

    public void Failed(string error)
    {
        var previous = last;
        last = new BatchState(time.GetUtcNow(), error, previous.ConsecutiveFailures + 1, previous.LastSuccessAt);
        Publish();
    }

    /// <summary>Sets the backlog gauge.</summary>
    public void Publish()
    {
        ArchiveMetrics.Backlog.WithLabels("unarchived").Set(unarchived.Count);
        ArchiveMetrics.Backlog.WithLabels("done").Set(done.Count);
    }

    sealed record BatchState(DateTimeOffset? At, string? Error, int ConsecutiveFailures, DateTimeOffset? LastSuccessAt);
}
