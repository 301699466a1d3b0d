using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using MailFilter.Gateway.Records.Blobs;

namespace MailFilter.Gateway.Records.Import;

/// <summary>
/// The write side of an import, in stages that overlap: while one batch's records are added (one SQLite transaction:
/// CPU and a WAL sync), the next batches' blobs are stored (compression, then file and directory syncs, which wait
/// on the disk), by two writers so their syncs are grouped. Each batch keeps the archive's one safe order — its blobs
/// committed before its records transaction — however the batches interleave. A batch's bytes count as in flight
/// from the moment it is sent until its records are in, so the next batch does not store them again.
/// </summary>
sealed class ImportPipeline
{
    const int BlobWriters = 2;

    readonly IMessageBlobStore blobs;
    readonly IRecordStore records;
    readonly ImportTally tally;
    readonly IProgress<ImportProgress>? progress;
    readonly ILogger logger;
    readonly CancellationTokenSource stop;
    readonly Channel<ImportBatch> toBlobs = Channel.CreateBounded<ImportBatch>(1);
    readonly Channel<ImportBatch> toRecords = Channel.CreateBounded<ImportBatch>(BlobWriters);
    readonly HashSet<string> inFlight = new(StringComparer.Ordinal);
    readonly Task[] blobWriters;
    readonly Task recordWriter;
    Exception? fault;

    public ImportPipeline(IMessageBlobStore blobs, IRecordStore records, ImportTally tally, IProgress<ImportProgress>? progress, ILogger logger, CancellationToken cancellationToken)
    {
        this.blobs = blobs;
        this.records = records;
        this.tally = tally;
        this.progress = progress;
        this.logger = logger;
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        blobWriters = [.. Enumerable.Range(0, BlobWriters).Select(_ => Task.Run(() => Guard(StoreBlobsAsync)))];
        recordWriter = Task.Run(() => Guard(AddRecordsAsync));
    }

    /// <summary>Whether these bytes belong to a batch sent but not yet in the records.</summary>
    public bool IsInFlight(string sha256)
    {
        lock (inFlight)
            return inFlight.Contains(sha256);
    }

    public async Task SendAsync(ImportBatch batch)
    {
        ThrowIfFaulted();
        lock (inFlight)
            inFlight.UnionWith(batch.Items.Select(i => i.Record.Sha256));
        try
        {
            await toBlobs.Writer.WriteAsync(batch, stop.Token);
        }
        catch (OperationCanceledException) when (fault is not null)
        {
            ThrowIfFaulted();
        }
    }

    /// <summary>Waits for every batch sent to be in the records (or, when interrupted, for the stages to stop); rethrows a stage's fault.</summary>
    public async Task CompleteAsync()
    {
        toBlobs.Writer.TryComplete();
        await Task.WhenAll(blobWriters);
        toRecords.Writer.TryComplete();
        await recordWriter;
        stop.Dispose();
        ThrowIfFaulted();
    }

    async Task StoreBlobsAsync()
    {
        await foreach (var batch in toBlobs.Reader.ReadAllAsync(stop.Token))
        {
            var stored = new List<ImportBatch.Item>(batch.Items.Count);
            await using (var blobBatch = blobs.BeginBatch())
            {
                foreach (var item in batch.Items)
                {
                    try
                    {
                        await using var content = item.Message.Open();
                        await blobBatch.PutAsync(content, item.Record.Sha256, stop.Token);
                        stored.Add(item);
                    }
                    catch (Exception e) when (e is BlobIntegrityException or IOException or UnauthorizedAccessException)
                    {
                        // The file changed between its two reads, or went away: named, and the rest of the batch goes on.
                        logger.LogError("import: {Source} ({Id}) not archived: {Reason}", item.Message.Source.Name, item.Record.Id, e.Message);
                        tally.Failed(new ImportProblem("", item.Message.Source.Name, e.Message));
                    }
                }
                await blobBatch.CommitAsync(stop.Token);
            }
            await toRecords.Writer.WriteAsync(batch with { Items = stored }, stop.Token);
        }
    }

    async Task AddRecordsAsync()
    {
        await foreach (var batch in toRecords.Reader.ReadAllAsync(stop.Token))
        {
            var result = await records.AddAsync([.. batch.Items.Select(i => i.Record)], stop.Token);
            // Already present: the same bytes imported by another import at the same time.
            tally.Add(result.Added.Count, result.AlreadyPresent.Count);
            var added = result.Added.ToHashSet(StringComparer.Ordinal);
            foreach (var item in batch.Items.Where(i => added.Contains(i.Record.Id)))
                if (item.UnreadableReason is { } reason)
                    tally.Unparseable(new ImportProblem(item.Record.Id, item.Message.Source.Name, reason));
            lock (inFlight)
                inFlight.ExceptWith(batch.Shas);
            progress?.Report(tally.Progress());
        }
    }

    async Task Guard(Func<Task> stage)
    {
        try
        {
            await stage();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Interrupted, or another stage failed: that stage's fault is the one reported.
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref fault, e, null);
            await stop.CancelAsync();
        }
    }

    void ThrowIfFaulted()
    {
        if (fault is not null)
            ExceptionDispatchInfo.Throw(fault);
    }
}
