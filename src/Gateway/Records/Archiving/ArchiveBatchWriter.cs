using System.Diagnostics;
using System.Text.Json;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using MailFilter.Gateway.Records.Blobs;
using MailFilter.Gateway.Verdicts;
using MimeKit.IO;

namespace MailFilter.Gateway.Records.Archiving;

/// <summary>
/// Archives one batch of queue entries. For each entry not yet in the archive: open its queue file once (the open
/// handle keeps the version it opened while the queue's owner renames or rewrites the entry), store its bytes in the
/// blob batch (checked against the SHA-256 computed while it was spooled), parse it with the gateway's parser and
/// build its record. Then, in this order: commit the blobs; add the records and the finished entries' delivery events
/// in one records transaction; and only then remove the finished entries from done. A crash anywhere leaves at worst a
/// blob without a record or a done entry archived twice over (both idempotent), never a removed entry without a record.
/// A fault of the stores fails the whole batch (the caller retries it); an entry that cannot be read or whose bytes no
/// longer match fails alone and waits. Not for concurrent use: the archiver runs one batch at a time.
/// </summary>
public sealed class ArchiveBatchWriter(MessageQueue queue, MessageParser parser, ArchiveStores stores, TimeProvider time, ILogger<ArchiveBatchWriter> logger)
{
    const int OpenAttempts = 3;
    const int BufferBytes = 64 * 1024;
    const int ConcurrentUnlinks = 8;

    /// <summary>Entries archived while still queued (held, deferred, under delivery): when they finish, only their outcome is left to add.</summary>
    readonly HashSet<string> archivedInQueue = new(StringComparer.Ordinal);

    /// <summary>Entries recently completed: a late notice about one of them (committed, then finished in the same instant) is no surprise.</summary>
    readonly FinishedEntries completed = new();

    public async Task<ArchiveBatchResult> WriteAsync(IReadOnlyList<ArchiveWork> batch, CancellationToken cancellationToken)
    {
        var records = stores.Records;
        var present = await records.ContainsAsync(batch.Select(work => work.Id).Where(id => !archivedInQueue.Contains(id)).ToList(), cancellationToken);
        var inArchive = batch.Select(work => work.Id).Where(id => archivedInQueue.Contains(id) || present.Contains(id)).ToHashSet(StringComparer.Ordinal);

        var added = new List<ArchiveRecord>();
        var deliveries = new List<RecordDelivery>();
        var archived = new List<string>();
        var finishing = new List<ArchiveWork>();
        var gone = new List<string>();
        var failed = new List<ArchiveWork>();
        await using (var blobs = stores.Blobs.BeginBatch())
        {
            foreach (var work in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var recorded = inArchive.Contains(work.Id);
                if (recorded && work.Finished is not null)
                {
                    // The record is there and the outcome in memory: the file need not be opened.
                    AddEvents(deliveries, work.Id, DeliveryHistory.Of(work.Finished));
                    finishing.Add(work);
                    continue;
                }
                if (recorded && !work.IsFinished)
                {
                    archived.Add(work.Id);
                    continue;
                }
                var entry = await ReadAsync(work.Id, needsRecord: !recorded, blobs, cancellationToken);
                switch (entry.Kind)
                {
                    case EntryReadKind.Failed:
                        failed.Add(work);
                        continue;
                    case EntryReadKind.Gone:
                        if (work.Finished is not null)
                            logger.LogWarning("{QueueId}: finished entry vanished from done before it was archived; it is not in the archive", work.Id);
                        else if (!completed.TryGet(work.Id, out _))
                            logger.LogInformation("{QueueId}: not archived: no longer in the queue", work.Id);
                        gone.Add(work.Id);
                        continue;
                }
                if (entry.Record is not null)
                    added.Add(entry.Record);
                if (work.IsFinished && entry.State == QueueState.Done)
                {
                    var events = work.Finished is not null
                        ? DeliveryHistory.Of(work.Finished)
                        : await FromEnvelopeAsync(work.Id, entry.Envelope!, recorded, cancellationToken);
                    AddEvents(deliveries, work.Id, events);
                    finishing.Add(work);
                }
                else
                {
                    archived.Add(work.Id);
                }
            }
            // Blobs before the records that name them.
            var committing = Stopwatch.GetTimestamp();
            // On the pool: the batch's syncs run side by side (the archiver's own thread runs one thing at a time).
            await Task.Run(() => blobs.CommitAsync(cancellationToken), cancellationToken);
            ArchiveMetrics.Observe("blob_commit", committing);
        }
        var writing = Stopwatch.GetTimestamp();
        var ingest = await records.AddAsync(added, deliveries, cancellationToken);
        var removing = ArchiveMetrics.Observe("records", writing);

        // Only now, the records committed, may finished entries leave the queue. Not fsynced: an unlink lost in a crash
        // brings the entry back to a scan that finds it archived already.
        // Several unlinks at once: each may wait for the file system's journal, which the queue's own syncs keep busy.
        var unlinked = new (ArchiveWork Work, string? Error)[finishing.Count];
        await Task.Run(() => Parallel.For(0, finishing.Count, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentUnlinks }, i =>
        {
            try
            {
                queue.Delete(QueueState.Done, finishing[i].Id);
                unlinked[i] = (finishing[i], null);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                unlinked[i] = (finishing[i], exception.Message);
            }
        }), CancellationToken.None);
        var removed = new List<string>();
        foreach (var (work, error) in unlinked)
        {
            if (error is null)
            {
                removed.Add(work.Id);
                archivedInQueue.Remove(work.Id);
                completed.Remember(work.Id, "archived");
            }
            else
            {
                logger.LogError("{QueueId}: archived, but could not be removed from done: {Error}; retried later", work.Id, error);
                archivedInQueue.Add(work.Id);
                failed.Add(work);
            }
        }
        ArchiveMetrics.Observe("remove", removing);
        foreach (var id in archived)
            archivedInQueue.Add(id);
        foreach (var id in ingest.Added)
            logger.LogDebug("{QueueId}: archived", id);
        return new ArchiveBatchResult(ingest.Added, archived.Concat(ingest.Added).Concat(ingest.AlreadyPresent).Distinct().ToList(), removed, gone, failed, deliveries.Count);
    }

    static void AddEvents(List<RecordDelivery> deliveries, string id, IEnumerable<DeliveryEvent> events) =>
        deliveries.AddRange(events.Select(delivery => new RecordDelivery(id, delivery)));

    /// <summary>
    /// A finished entry found in done after a restart: its outcome as the envelope has it. A recipient the archive already
    /// has a settled (or an unrecorded) event for gets no "outcome not recorded" event: that was an entry whose removal
    /// from done a crash undid after its outcome had been archived.
    /// </summary>
    async Task<IEnumerable<DeliveryEvent>> FromEnvelopeAsync(string id, QueueEnvelope envelope, bool recorded, CancellationToken cancellationToken)
    {
        var events = DeliveryHistory.FromEnvelope(envelope, time.GetUtcNow());
        if (!recorded)
            return events;
        var known = (await stores.Records.GetAsync(id, cancellationToken))?.Deliveries ?? [];
        var settled = known.Where(e => DeliveryHistory.IsFinal(e) || e.Outcome == DeliveryHistory.Unrecorded)
            .Select(e => e.Recipient).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return events.Where(e => e.Outcome != DeliveryHistory.Unrecorded || !settled.Contains(e.Recipient));
    }

    async Task<EntryRead> ReadAsync(string id, bool needsRecord, IMessageBlobBatch blobs, CancellationToken cancellationToken)
    {
        var stage = Stopwatch.GetTimestamp();
        var opened = Open(id);
        if (opened.File is not { } file)
            return opened.Gone ? EntryRead.Gone : EntryRead.Failed;
        var state = opened.State;
        await using (file)
        {
            QueueEnvelope envelope;
            long length;
            try
            {
                (envelope, length) = QueueFile.ReadEnvelope(file);
                if (envelope.Id != id)
                    throw new InvalidDataException($"the envelope names entry {envelope.Id}");
            }
            catch (Exception exception) when (exception is InvalidDataException or JsonException or IOException)
            {
                logger.LogError("{QueueId}: not archived yet: the {State} entry cannot be read: {Error}; retried later", id, state, exception.Message);
                return EntryRead.Failed;
            }
            stage = ArchiveMetrics.Observe("read", stage);
            if (!needsRecord)
                return new EntryRead(EntryReadKind.Read, state, envelope, null);

            StoredBlob blob;
            try
            {
                blob = await blobs.PutAsync(new BoundStream(file, 0, length, leaveOpen: true), string.IsNullOrEmpty(envelope.Sha256) ? null : envelope.Sha256, cancellationToken);
            }
            catch (BlobIntegrityException exception)
            {
                // Fail closed: the queue file is the only copy; it stays, and the archive never holds bytes that differ from those received.
                logger.LogError("{QueueId}: not archived: the queued bytes no longer match the SHA-256 computed when they were received ({Error}); the entry stays in the queue", id, exception.Message);
                return EntryRead.Failed;
            }
            stage = ArchiveMetrics.Observe("blob", stage);
            try
            {
                using var message = parser.Parse(new BoundStream(file, 0, length, leaveOpen: true), cancellationToken);
                stage = ArchiveMetrics.Observe("parse", stage);
                var record = stores.Builder.Build(Submission(envelope, blob), message, cancellationToken);
                ArchiveMetrics.Observe("build", stage);
                return new EntryRead(EntryReadKind.Read, state, envelope, record);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "{QueueId}: not archived yet: its archive record could not be built; retried later", id);
                return EntryRead.Failed;
            }
        }
    }

    /// <summary>
    /// Opens the entry wherever it is now. Gone: it is in no state, or in corrupt (unreadable: archived once an operator
    /// repairs and releases it) — nothing to do now. No file and not gone: it kept moving; the caller retries later.
    /// </summary>
    (FileStream? File, QueueState State, bool Gone) Open(string id)
    {
        for (var attempt = 0; attempt < OpenAttempts; attempt++)
        {
            if (!queue.TryFind(id, out var state) || state == QueueState.Incoming)
                return (null, state, true);
            if (state == QueueState.Corrupt)
            {
                logger.LogWarning("{QueueId}: not archived while in corrupt; archived once repaired, released and delivered", id);
                return (null, state, true);
            }
            try
            {
                return (new FileStream(queue.EntryPath(state, id), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferBytes), state, false);
            }
            catch (FileNotFoundException)
            {
                // Moved on between the look and the open (delivered, held, deferred): look again.
            }
        }
        logger.LogWarning("{QueueId}: not archived yet: the entry kept moving while the archiver opened it; retried later", id);
        return (null, QueueState.Active, false);
    }

    static ArchiveSubmission Submission(QueueEnvelope envelope, StoredBlob blob) => new(
        envelope.Id,
        envelope.ArrivedAt,
        new ArchiveEnvelope(envelope.Client.Address, envelope.Client.Helo, envelope.Sender, envelope.Recipients.Select(r => r.Address).ToList()),
        blob.SizeBytes,
        blob.Sha256,
        envelope.Verdict ?? Verdict.Pass);

    enum EntryReadKind
    {
        Read,
        Gone,
        Failed,
    }

    sealed record EntryRead(EntryReadKind Kind, QueueState? State, QueueEnvelope? Envelope, ArchiveRecord? Record)
    {
        public static readonly EntryRead Gone = new(EntryReadKind.Gone, null, null, null);
        public static readonly EntryRead Failed = new(EntryReadKind.Failed, null, null, null);
    }
}
