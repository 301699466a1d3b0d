using Prometheus;

namespace MailFilter.Gateway.Records.Archiving;

/// <summary>The archiver's Prometheus series (on the console port at /metrics, with the queue's).</summary>
public static class ArchiveMetrics
{
    public static readonly Counter Archived = Metrics.CreateCounter(
        "mailfilter_archived_messages_total", "Messages the archiver added to the archive (blob and record).");

    public static readonly Counter BatchFailures = Metrics.CreateCounter(
        "mailfilter_archive_batch_failures_total", "Archive batches that failed as a whole (the store could not be written); retried.");

    public static readonly Histogram BatchDuration = Metrics.CreateHistogram(
        "mailfilter_archive_batch_seconds", "Time to archive one batch: read and parse the entries, store blobs and records, remove done entries.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });

    public static readonly Gauge Backlog = Metrics.CreateGauge(
        "mailfilter_archive_backlog_messages", "Queue entries waiting for the archive: unarchived (committed, not yet archived) and done (finished, outcome not yet archived).",
        "kind");

    /// <summary>
    /// The parts of a batch: per entry read (open, envelope), blob (hash, compress, stage), parse, build (facts, index
    /// text); per batch blob_commit (syncs, renames), records (the transaction), remove (unlinks from done).
    /// </summary>
    public static readonly Histogram Stage = Metrics.CreateHistogram(
        "mailfilter_archive_stage_seconds", "Time spent in each stage of archiving: per entry read, blob, parse, build; per batch blob_commit, records, remove.",
        new HistogramConfiguration { LabelNames = ["stage"], Buckets = Histogram.ExponentialBuckets(0.00005, 2, 18) });

    /// <summary>Observes the time since <paramref name="started"/> under <paramref name="stage"/> and returns now, for the next stage.</summary>
    public static long Observe(string stage, long started)
    {
        Stage.WithLabels(stage).Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return System.Diagnostics.Stopwatch.GetTimestamp();
    }
}
