namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// The one component that changes an entry's state, as Postfix's qmgr is the one process that moves queue files:
/// a delivery attempt's result (<see cref="Finish"/>, <see cref="Defer"/>), the activation of a due deferred entry, and
/// an operator's hold, release, delete and flush. Every change to an entry happens under that entry's lock
/// (<see cref="EntryLocks"/>), so an operator's operation on an entry under delivery waits for the attempt to end and
/// then applies to the entry as the attempt left it. The running gateway has one (it holds the queue's
/// <see cref="QueueOwnerLock"/>); a command line that holds the lock because no gateway runs builds its own and applies
/// the same operations through it. A finished entry goes to <see cref="QueueState.Done"/> when the archive keeps it
/// (<see cref="IQueueArchive.KeepsFinishedEntries"/>) and is removed by the archiver once archived; otherwise it is removed here.
/// </summary>
public sealed class QueueOwner(MessageQueue queue, DeliveryScheduler scheduler, DeferredSchedule deferred, IQueueArchive archive, TimeProvider time, ILogger<QueueOwner> logger)
{
    readonly EntryLocks locks = new();
    readonly FinishedEntries finished = new();

    /// <summary>Takes an entry's lock: the delivery service holds it for a whole attempt, from reading the entry to its result.</summary>
    public ValueTask<IDisposable> LockAsync(string id, CancellationToken cancellationToken) => locks.AcquireAsync(id, cancellationToken);

    /// <summary>
    /// An attempt finished the entry (every recipient delivered, or failed and bounced): it leaves delivery — to done, with
    /// the recipients' final outcomes handed to the archive in memory, or, without archiving, out of the queue. The caller
    /// holds the entry's lock. One rename (or unlink), not fsynced: lost in a crash, it means one more delivery (at least once).
    /// </summary>
    public void Finish(QueueEnvelope envelope, string outcome)
    {
        if (archive.KeepsFinishedEntries)
        {
            queue.Move(envelope.Id, QueueState.Active, QueueState.Done, durable: false);
            archive.Finished(FinishedEntry.Of(envelope, outcome, time.GetUtcNow()));
        }
        else
        {
            queue.Delete(QueueState.Active, envelope.Id);
        }
        finished.Remember(envelope.Id, outcome);
    }

    /// <summary>
    /// At start, without archiving: entries a previous run (or a command line) left in done are removed — nothing will
    /// archive them. Returns how many. With archiving, the archiver takes them.
    /// </summary>
    public int RemoveDoneLeftovers()
    {
        if (archive.KeepsFinishedEntries)
            return 0;
        var names = queue.List(QueueState.Done);
        foreach (var name in names)
            queue.Delete(QueueState.Done, name);
        return names.Count;
    }

    /// <summary>An attempt left recipients pending: the envelope (their statuses, the next attempt time) is written and the entry deferred. The caller holds the entry's lock.</summary>
    public void Defer(QueueEnvelope envelope)
    {
        queue.WriteEnvelope(QueueState.Active, envelope);
        queue.Move(envelope.Id, QueueState.Active, QueueState.Deferred);
        deferred.Add(envelope.Id, envelope.NextAttemptAt ?? DateTimeOffset.MinValue);
    }

    /// <summary>A deferred entry is due: back to active and scheduled. False when it left deferred meanwhile (held, deleted, flushed).</summary>
    public async Task<bool> ActivateAsync(string id, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(id, cancellationToken);
        if (!File.Exists(queue.EntryPath(QueueState.Deferred, id)))
        {
            logger.LogInformation("{QueueId}: left deferred before its retry (held, deleted or flushed by an operator)", id);
            return false;
        }
        queue.Move(id, QueueState.Deferred, QueueState.Active);
        scheduler.Schedule(id);
        return true;
    }

    /// <summary>Holds an active or deferred entry: it keeps its envelope (recipient statuses included) and is not delivered until released.</summary>
    public async Task<EntryOutcome> HoldAsync(string id, string requestedBy, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(id, cancellationToken);
        if (Locate(id) is not { } state)
            return Missing(id);
        switch (state)
        {
            case QueueState.Hold:
                return new EntryOutcome(id, EntryOutcomeKind.Unchanged, state, "already held");
            case QueueState.Done:
                return AlreadyFinished(id);
            case QueueState.Active or QueueState.Deferred:
                queue.Move(id, state, QueueState.Hold);
                deferred.Remove(id);
                logger.LogInformation("{QueueId}: held (was {State}) at the request of {RequestedBy}", id, Name(state), requestedBy);
                return new EntryOutcome(id, EntryOutcomeKind.Changed, QueueState.Hold, "held");
            default:
                return Refused(id, state, "held");
        }
    }

    /// <summary>Releases a held (or corrupt, once repaired) entry: back to active and scheduled for delivery now.</summary>
    public async Task<EntryOutcome> ReleaseAsync(string id, string requestedBy, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(id, cancellationToken);
        if (Locate(id) is not { } state)
            return Missing(id);
        if (state is QueueState.Done)
            return AlreadyFinished(id);
        if (state is not (QueueState.Hold or QueueState.Corrupt))
            return Refused(id, state, "released");
        queue.Move(id, state, QueueState.Active);
        scheduler.Schedule(id);
        logger.LogInformation("{QueueId}: released (was {State}) at the request of {RequestedBy}", id, Name(state), requestedBy);
        return new EntryOutcome(id, EntryOutcomeKind.Changed, QueueState.Active, "released");
    }

    /// <summary>
    /// Deletes an entry in any state (after the attempt under way, if any, has ended), durably: a deleted message is not
    /// delivered after a crash. With archiving, the entry is not unlinked but moves to done with who deleted it written
    /// into its envelope (fsynced), and the archive records the recipients still pending as deleted by them; an entry
    /// too broken to read (corrupt) can be archived by no one and is unlinked.
    /// </summary>
    public async Task<EntryOutcome> DeleteAsync(string id, string requestedBy, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(id, cancellationToken);
        if (Locate(id) is not { } state)
            return Missing(id);
        if (state is QueueState.Incoming)
            return Refused(id, state, "deleted");
        if (state is QueueState.Done)
            return AlreadyFinished(id);
        if (!archive.KeepsFinishedEntries || !TryMarkDeleted(state, id, requestedBy, out var envelope))
        {
            queue.Delete(state, id, durable: true);
            deferred.Remove(id);
            finished.Remember(id, "deleted");
            logger.LogWarning("{QueueId}: deleted (was {State}) at the request of {RequestedBy}", id, Name(state), requestedBy);
            return new EntryOutcome(id, EntryOutcomeKind.Changed, null, "deleted");
        }
        queue.Move(id, state, QueueState.Done);
        deferred.Remove(id);
        finished.Remember(id, "deleted");
        archive.Finished(FinishedEntry.Of(envelope, "deleted", envelope.DeletedAt ?? time.GetUtcNow(), requestedBy));
        logger.LogWarning("{QueueId}: deleted (was {State}) at the request of {RequestedBy}; kept in done until archived", id, Name(state), requestedBy);
        return new EntryOutcome(id, EntryOutcomeKind.Changed, QueueState.Done, "deleted");
    }

    /// <summary>Writes who deleted the entry into its envelope (an atomic, fsynced rewrite); false when the entry cannot be read.</summary>
    bool TryMarkDeleted(QueueState state, string id, string requestedBy, out QueueEnvelope envelope)
    {
        try
        {
            envelope = queue.ReadEnvelope(state, id);
        }
        catch (Exception exception) when (exception is InvalidDataException or System.Text.Json.JsonException)
        {
            logger.LogWarning("{QueueId}: unreadable {State} entry cannot be archived; deleting it: {Error}", id, Name(state), exception.Message);
            envelope = null!;
            return false;
        }
        envelope.DeletedBy = requestedBy;
        envelope.DeletedAt = time.GetUtcNow();
        queue.WriteEnvelope(state, envelope);
        return true;
    }

    /// <summary>Makes a deferred entry due now: back to active and scheduled.</summary>
    public async Task<EntryOutcome> FlushAsync(string id, string requestedBy, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(id, cancellationToken);
        if (Locate(id) is not { } state)
            return Missing(id);
        if (state is QueueState.Done)
            return AlreadyFinished(id);
        if (state is QueueState.Active)
            return new EntryOutcome(id, EntryOutcomeKind.Unchanged, state, "already active");
        if (state is not QueueState.Deferred)
            return Refused(id, state, "flushed");
        queue.Move(id, QueueState.Deferred, QueueState.Active);
        deferred.Remove(id);
        scheduler.Schedule(id);
        logger.LogInformation("{QueueId}: flushed (due now) at the request of {RequestedBy}", id, requestedBy);
        return new EntryOutcome(id, EntryOutcomeKind.Changed, QueueState.Active, "due now");
    }

    QueueState? Locate(string id) => queue.TryFind(id, out var state) ? state : null;

    EntryOutcome Missing(string id) => finished.TryGet(id, out var outcome)
        ? new EntryOutcome(id, EntryOutcomeKind.AlreadyFinished, null, "already " + outcome)
        : new EntryOutcome(id, EntryOutcomeKind.NotFound, null, "no queue entry");

    /// <summary>An entry in done is finished (it waits only for the archive): every operation answers what became of it.</summary>
    EntryOutcome AlreadyFinished(string id) => new(id, EntryOutcomeKind.AlreadyFinished, QueueState.Done,
        finished.TryGet(id, out var outcome) ? "already " + outcome : "already finished (waiting for the archive)");

    static EntryOutcome Refused(string id, QueueState state, string operation) => new(id, EntryOutcomeKind.Refused, state,
        state is QueueState.Incoming ? $"is still being received, cannot be {operation}" : $"is {Name(state)}, cannot be {operation}");

    static string Name(QueueState state) => state == QueueState.Hold ? "held" : state.ToString().ToLowerInvariant();
}
