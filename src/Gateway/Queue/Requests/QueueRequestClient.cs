using MailFilter.Gateway.Queue.Delivery;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailFilter.Gateway.Queue.Requests;

/// <summary>
/// An operator's tool's side of the command channel (the command line; any process that is not the gateway). It writes
/// the request into DATA/queue/requests and waits for the owner's answer. While it waits it keeps trying the queue's
/// owner lock: if it gets it, no gateway runs (or the one that ran has stopped, even mid-request), and it applies the
/// waiting requests itself, through the same <see cref="QueueRequestProcessor"/> and <see cref="QueueOwner"/> the
/// gateway uses, while it holds the lock. A request is thus answered by whoever owns the queue, and never lost.
/// </summary>
public sealed class QueueRequestClient(MessageQueue queue, IQueueFileSystem fileSystem, TimeProvider time, ILoggerFactory? loggers = null)
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    readonly QueueRequestDirectory directory = new(queue.Root, fileSystem);
    readonly ILoggerFactory loggers = loggers ?? NullLoggerFactory.Instance;

    /// <summary>
    /// Asks for <paramref name="operation"/> on <paramref name="entries"/> and returns the answer. Throws
    /// <see cref="QueueRequestTimeoutException"/> when the gateway holding the queue has not answered within
    /// <paramref name="timeout"/>; the request then stays where it is and is still applied.
    /// </summary>
    public async Task<QueueReply> SubmitAsync(QueueOperation operation, IReadOnlyList<string> entries, string requestedBy, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new QueueRequest
        {
            Id = QueueId.New(time),
            Operation = operation,
            Entries = entries,
            RequestedAt = time.GetUtcNow(),
            RequestedBy = requestedBy,
        };
        directory.Submit(request);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (directory.TryTakeReply(request.Id, out var reply))
                return reply!;
            if (QueueOwnerLock.TryAcquire(queue.Root, "a command line applying queue requests (no gateway running)", out var ownerLock))
            {
                using (ownerLock)
                    await ApplyAsOwnerAsync(cancellationToken);
                return directory.TryTakeReply(request.Id, out reply)
                    ? reply!
                    : throw new InvalidDataException($"request {request.Id} vanished from {directory.Path} before it was answered");
            }
            if (DateTime.UtcNow >= deadline)
                throw new QueueRequestTimeoutException(request.Id, Unanswered(request.Id, timeout));
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>No gateway runs and this process holds the lock: apply every waiting request (this one among them) as the gateway would.</summary>
    async Task ApplyAsOwnerAsync(CancellationToken cancellationToken)
    {
        // A deleted entry waits in done for the gateway's archiver (or is removed by a gateway that does not archive).
        var owner = new QueueOwner(queue, new DeliveryScheduler(), new DeferredSchedule(), DetachedQueueArchive.OnNextStart, time, loggers.CreateLogger<QueueOwner>());
        var processor = new QueueRequestProcessor(queue, directory, owner, $"command line, pid {Environment.ProcessId} (no gateway running)",
            time, loggers.CreateLogger<QueueRequestProcessor>());
        await Task.WhenAll(processor.StartWaiting(cancellationToken));
    }

    string Unanswered(string id, TimeSpan timeout) => directory.IsTaken(id)
        ? $"the gateway took request {id} but has not finished it within {timeout}: an entry it names is under a delivery attempt, and the request is applied when that attempt ends (see `mailfilter queue show`)"
        : $"the queue's owner ({QueueOwnerLock.DescribeHolder(queue.Root)}) did not take request {id} within {timeout}; it stays in {directory.Path} and is applied when the gateway reads it";
}
