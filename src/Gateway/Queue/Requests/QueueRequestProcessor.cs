using System.Text.Json;
using MailFilter.Gateway.Queue.Delivery;

namespace MailFilter.Gateway.Queue.Requests;

/// <summary>
/// Applies operators' requests through the <see cref="QueueOwner"/>: <see cref="ApplyAsync"/> for one request in
/// process (the console), <see cref="StartWaiting"/> for the requests waiting in DATA/queue/requests (the command line's
/// channel). The running gateway has one; a command line that finds no gateway running builds one over its own owner,
/// so both apply every operation by the same code.
/// </summary>
public sealed class QueueRequestProcessor(
    MessageQueue queue,
    QueueRequestDirectory directory,
    QueueOwner owner,
    string appliedBy,
    TimeProvider time,
    ILogger<QueueRequestProcessor> logger)
{
    readonly Lock gate = new();
    readonly HashSet<string> applying = new(StringComparer.Ordinal);

    public QueueRequestDirectory Directory => directory;

    /// <summary>Applies one request, entry by entry, each under its entry's lock (waiting for a delivery attempt under way to end).</summary>
    public async Task<QueueReply> ApplyAsync(QueueRequest request, CancellationToken cancellationToken)
    {
        var entries = request.Operation == QueueOperation.Flush && request.Entries.Count == 0
            ? queue.List(QueueState.Deferred).Where(QueueId.IsValid).ToList()
            : request.Entries;
        var outcomes = new List<EntryOutcome>(entries.Count);
        foreach (var id in entries)
            outcomes.Add(await ApplyAsync(request, id, cancellationToken));
        logger.LogInformation("queue request {RequestId} from {RequestedBy}: {Operation} {Outcomes}", request.Id, request.RequestedBy,
            request.Operation.ToString().ToLowerInvariant(), string.Join(", ", outcomes.Select(o => $"{o.Id} {o.Detail}")));
        return new QueueReply { Request = request.Id, AppliedAt = time.GetUtcNow(), AppliedBy = appliedBy, Outcomes = outcomes };
    }

    /// <summary>
    /// Claims every waiting request and starts applying each; returns the tasks, which end when each is answered (or
    /// cancelled, which leaves it claimed for the next owner). Claimed requests that no one in this process is applying —
    /// left by an owner that stopped before answering — are applied again: every operation is safe to repeat.
    /// </summary>
    public IReadOnlyList<Task> StartWaiting(CancellationToken cancellationToken)
    {
        var started = new List<Task>();
        lock (gate)
        {
            foreach (var id in directory.Taken().Where(id => !applying.Contains(id)))
            {
                logger.LogWarning("queue request {RequestId} was taken by an owner that stopped before answering it; applying it again", id);
                started.Add(Start(id, cancellationToken));
            }
            foreach (var id in directory.Waiting())
            {
                if (directory.TryClaim(id))
                    started.Add(Start(id, cancellationToken));
            }
        }
        return started;
    }

    Task Start(string id, CancellationToken cancellationToken)
    {
        applying.Add(id);
        // Each request on its own: one that waits for a delivery attempt to end does not hold up the others.
        return Task.Run(() => AnswerAsync(id, cancellationToken), CancellationToken.None);
    }

    async Task AnswerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            QueueReply reply;
            try
            {
                reply = await ApplyAsync(directory.ReadTaken(id), cancellationToken);
            }
            catch (Exception exception) when (exception is InvalidDataException or JsonException)
            {
                logger.LogError("queue request {RequestId} is unreadable and was refused: {Error}", id, exception.Message);
                reply = new QueueReply { Request = id, AppliedAt = time.GetUtcNow(), AppliedBy = appliedBy, Error = $"unreadable request: {exception.Message}" };
            }
            directory.Answer(reply);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("queue request {RequestId} interrupted by shutdown; it stays taken and the next owner applies it", id);
        }
        catch (Exception exception)
        {
            // Left taken: the next owner (this one after a restart, or a command line when none runs) applies it again.
            logger.LogError(exception, "queue request {RequestId} could not be answered; it stays taken for the next owner", id);
        }
        finally
        {
            lock (gate)
                applying.Remove(id);
        }
    }

    async Task<EntryOutcome> ApplyAsync(QueueRequest request, string id, CancellationToken cancellationToken)
    {
        if (!QueueId.IsValid(id))
            return new EntryOutcome(id, EntryOutcomeKind.NotFound, null, "not a queue id");
        try
        {
            return request.Operation switch
            {
                QueueOperation.Hold => await owner.HoldAsync(id, request.RequestedBy, cancellationToken),
                QueueOperation.Release => await owner.ReleaseAsync(id, request.RequestedBy, cancellationToken),
                QueueOperation.Delete => await owner.DeleteAsync(id, request.RequestedBy, cancellationToken),
                QueueOperation.Flush => await owner.FlushAsync(id, request.RequestedBy, cancellationToken),
                _ => new EntryOutcome(id, EntryOutcomeKind.Refused, null, $"unknown operation {request.Operation}"),
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogError(exception, "{QueueId}: {Operation} failed (queue request {RequestId})", id, request.Operation, request.Id);
            var state = queue.TryFind(id, out var found) ? found : (QueueState?)null;
            return new EntryOutcome(id, EntryOutcomeKind.Failed, state, $"failed: {exception.Message}");
        }
    }
}
