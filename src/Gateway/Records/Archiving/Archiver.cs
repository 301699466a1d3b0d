using System.Diagnostics;
using System.Threading.Channels;
using MailFilter.Gateway.Queue;

namespace MailFilter.Gateway.Records.Archiving;

/// <summary>
/// Brings every accepted message into the archive, after its 250. The committed queue file is the journal: the queue
/// tells the archiver (in memory, no I/O on the reply path) which entries were committed and which finished; the
/// archiver takes them in batches (<see cref="ArchiveBatchWriter"/>: one blob commit, then one records transaction) and
/// removes a finished entry from done only once its record and outcome are committed. On start — before delivery starts —
/// it scans active, deferred, hold and done, so an entry whose notice a crash lost is archived all the same.
/// A fault of the archive (disk full, a database error, a directory gone) never reaches the SMTP reply: the batch is
/// logged with its ids and retried with a doubling wait, and its entries wait in the queue; /healthz says the archive
/// is behind (<see cref="ArchiverStatus"/>).
/// </summary>
public sealed class Archiver(MessageQueue queue, ArchiveBatchWriter writer, ArchiverStatus status, IOptions<RecordsOptions> options, TimeProvider time, ILogger<Archiver> logger)
    : BackgroundService, IQueueArchive
{
    static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>How often a filling batch looks whether it is full.</summary>
    static readonly TimeSpan FillPollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a stop waits for the last batch (what delivery finished while it stopped); the rest waits on disk for the next start.</summary>
    static readonly TimeSpan ShutdownGracePeriod = TimeSpan.FromSeconds(10);

    // Not SingleReader: that channel cannot count what waits, which a filling batch needs to know.
    readonly Channel<ArchiveWork> notices = Channel.CreateUnbounded<ArchiveWork>();
    readonly List<(ArchiveWork Work, DateTimeOffset Due)> retries = [];
    DateTimeOffset pausedUntil = DateTimeOffset.MinValue;
    int consecutiveFailures;
    bool scanned;

    public bool KeepsFinishedEntries => true;

    public void Committed(string id)
    {
        status.Committed(id);
        notices.Writer.TryWrite(new ArchiveWork(id));
    }

    public void Finished(FinishedEntry entry)
    {
        status.Finished(entry.Id);
        notices.Writer.TryWrite(new ArchiveWork(entry.Id, entry));
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The host starts the archiver before delivery (it is registered first): whatever is in done now was finished by
        // an earlier run, and whatever delivery finishes from now on is handed over in memory.
        scanned = TryScanQueue();
        return base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// The loop runs on a thread of its own at a lower CPU priority (<see cref="RecordsOptions.ArchiverNiceness"/>): every
    /// await in it comes back to that thread, so the archive's CPU work yields to the SMTP reply path and to delivery.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduler = new LowPriorityTaskScheduler("archiver", options.Value.ArchiverNiceness);
        var loop = Task.Factory.StartNew(() => RunAsync(stoppingToken), CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap();
        return loop.ContinueWith(done =>
        {
            scheduler.Dispose();
            return done;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
    }

    async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!scanned)
                    scanned = TryScanQueue();
                var batch = await NextBatchAsync(stoppingToken);
                await RunBatchAsync(batch, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                // Never the gateway's end: the entries wait in the queue, and the next start's scan finds them if this one cannot.
                logger.LogError(exception, "archive: the archiver failed; it goes on in {Delay}", FirstRetryDelay);
                await Task.Delay(FirstRetryDelay, time, CancellationToken.None);
            }
        }
        // Stopping. Delivery has stopped (the host stops services in reverse order); archive what it finished meanwhile.
        var last = Take(time.GetUtcNow());
        if (last.Count == 0 || pausedUntil > time.GetUtcNow())
            return;
        using var grace = new CancellationTokenSource(ShutdownGracePeriod, time);
        try
        {
            await RunBatchAsync(last, grace.Token);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("archive: stopped before {Count} entries were archived; they wait in the queue for the next start", last.Count);
        }
    }

    /// <summary>Every entry of active, deferred, hold and done, as notices: the batches find which are not yet archived (in batches, by id).</summary>
    bool TryScanQueue()
    {
        try
        {
            var queued = 0;
            foreach (var state in new[] { QueueState.Active, QueueState.Deferred, QueueState.Hold })
            {
                foreach (var id in queue.List(state).Where(QueueId.IsValid))
                {
                    Committed(id);
                    queued++;
                }
            }
            var done = queue.List(QueueState.Done).Where(QueueId.IsValid).ToList();
            foreach (var id in done)
            {
                status.Finished(id);
                notices.Writer.TryWrite(new ArchiveWork(id, FinishedOnDisk: true));
            }
            logger.LogInformation("archive: checking {Queued} queued entries, and {Done} finished entries left in done by the previous run", queued, done.Count);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogError("archive: could not scan the queue for entries to archive: {Error}; retried before the next batch", exception.Message);
            return false;
        }
    }

    /// <summary>Waits for notices (or a retry coming due) and takes up to a batch of them, one item per entry.</summary>
    async Task<List<ArchiveWork>> NextBatchAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            if (pausedUntil > now)
            {
                await Task.Delay(pausedUntil - now, time, stoppingToken);
                continue;
            }
            if (HasWork(now))
            {
                await LetFillAsync(stoppingToken);
                return Take(time.GetUtcNow());
            }
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var waits = new List<Task> { notices.Reader.WaitToReadAsync(wake.Token).AsTask() };
            if (retries.Count > 0)
                waits.Add(Task.Delay(TimeSpan.FromTicks(Math.Max(0, (retries.Min(r => r.Due) - now).Ticks)), time, wake.Token));
            await Task.WhenAny(waits);
            await wake.CancelAsync();
            stoppingToken.ThrowIfCancellationRequested();
        }
    }

    bool HasWork(DateTimeOffset now) => notices.Reader.Count > 0 || retries.Any(r => r.Due <= now);

    /// <summary>Waits up to <see cref="RecordsOptions.ArchiveBatchDelay"/> for a batch to fill (fewer, larger batches: fewer syncs).</summary>
    async Task LetFillAsync(CancellationToken stoppingToken)
    {
        var delay = options.Value.ArchiveBatchDelay;
        var until = time.GetUtcNow() + delay;
        while (delay > TimeSpan.Zero && notices.Reader.Count + retries.Count < options.Value.ArchiveBatchSize)
        {
            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
                return;
            await Task.Delay(left < FillPollInterval ? left : FillPollInterval, time, stoppingToken);
        }
    }

    List<ArchiveWork> Take(DateTimeOffset now)
    {
        var size = options.Value.ArchiveBatchSize;
        var batch = new Dictionary<string, ArchiveWork>(StringComparer.Ordinal);
        for (var i = 0; i < retries.Count && batch.Count < size;)
        {
            if (retries[i].Due <= now)
            {
                Add(batch, retries[i].Work);
                retries.RemoveAt(i);
            }
            else
            {
                i++;
            }
        }
        while (batch.Count < size && notices.Reader.TryRead(out var work))
            Add(batch, work);
        return batch.Values.ToList();
    }

    static void Add(Dictionary<string, ArchiveWork> batch, ArchiveWork work) =>
        batch[work.Id] = batch.TryGetValue(work.Id, out var earlier) ? earlier.Merge(work) : work;

    async Task RunBatchAsync(List<ArchiveWork> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await writer.WriteAsync(batch, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            ArchiveMetrics.BatchDuration.Observe(elapsed.TotalSeconds);
            ArchiveMetrics.Archived.Inc(result.Added.Count);
            status.Succeeded(result);
            if (consecutiveFailures > 0)
                logger.LogInformation("archive: writing again after {Failures} failed batches", consecutiveFailures);
            consecutiveFailures = 0;
            var due = time.GetUtcNow() + options.Value.ArchiveRetryMaxDelay;
            foreach (var work in result.Failed)
                retries.Add((work, due));
            logger.LogDebug("archive batch of {Count}: {Added} added, {Completed} finished entries removed from done, {Deliveries} delivery events, {Failed} waiting, {Seconds:0.000} s",
                batch.Count, result.Added.Count, result.Completed.Count, result.Deliveries, result.Failed.Count, elapsed.TotalSeconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            consecutiveFailures++;
            var delay = TimeSpan.FromTicks(Math.Min(options.Value.ArchiveRetryMaxDelay.Ticks, FirstRetryDelay.Ticks << Math.Min(consecutiveFailures - 1, 20)));
            pausedUntil = time.GetUtcNow() + delay;
            foreach (var work in batch)
                retries.Add((work, pausedUntil));
            status.Failed(exception.Message);
            ArchiveMetrics.BatchFailures.Inc();
            // The whole trace once; the same fault again is one line per try.
            logger.LogError(consecutiveFailures == 1 ? exception : null,
                "archive: a batch of {Count} entries could not be archived ({QueueIds}): {Error}; they wait in the queue, next try in {Delay}",
                batch.Count, Ids(batch), exception.Message, delay);
        }
    }

    static string Ids(List<ArchiveWork> batch) =>
        string.Join(",", batch.Take(10).Select(work => work.Id)) + (batch.Count > 10 ? $",… ({batch.Count - 10} more)" : "");
}
