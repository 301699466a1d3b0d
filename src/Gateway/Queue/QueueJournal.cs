using MailFilter.Gateway.Queue.Delivery;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Queue;

/// <summary>
/// The queue as the journal: quarantined mail is committed to hold, the rest to active and scheduled for delivery; the
/// archive is told of the committed entry and ingests it from the queue file after the reply (no I/O of its own here).
/// </summary>
public sealed class QueueJournal(MessageQueue queue, DeliveryScheduler scheduler, IQueueArchive archive) : IMessageJournal
{
    public async Task<QueueState> CommitAsync(IncomingEntry entry, QueueEnvelope envelope, CancellationToken cancellationToken)
    {
        var verdict = envelope.Verdict ?? Verdict.Pass;
        var target = verdict.Action == VerdictAction.Quarantine ? QueueState.Hold : QueueState.Active;
        // Not cancelled once begun: a commit is whole or absent, and the caller replies by what happened.
        await queue.CommitAsync(entry, envelope, verdict, target);
        if (target == QueueState.Active)
            scheduler.Schedule(entry.Id);
        archive.Committed(entry.Id);
        return target;
    }
}
