using MailFilter.Gateway.Verdicts;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>A transport that answers as the test says and remembers what it was asked to send.</summary>
public sealed class ScriptedTransport : IMessageTransport
{
    public Func<string, RecipientResult> Answer { get; set; } = address => new(address, RecipientOutcome.Delivered, "250 2.0.0 Ok", "next.example");

    public List<(string Id, DeliveryRoute Route, IReadOnlyList<string> Recipients, byte[] Bytes)> Sent { get; } = [];

    public async Task<IReadOnlyList<RecipientResult>> SendAsync(OutgoingMessage message, DeliveryRoute route, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        using var bytes = new MemoryStream();
        await message.WriteToAsync(bytes, ensureNewLine: false, cancellationToken);
        Sent.Add((message.Id, route, recipients, bytes.ToArray()));
        return recipients.Select(Answer).ToList();
    }
}

static class DeliveryHarness
{
    public static QueueOptions QueueOptions() => new()
    {
        RetrySchedule = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)],
        MaxLifetime = TimeSpan.FromDays(5),
    };

    public static DeliveryOptions DeliveryOptions() => new() { HostName = "gw.example.org", NextHop = "next.example:25" };

    public static DeliveryProcessor Processor(MessageQueue queue, IMessageTransport transport, DeliveryScheduler scheduler, DeferredSchedule deferred, TimeProvider time,
        QueueOptions? queueOptions = null, DeliveryOptions? deliveryOptions = null, QueueOwner? owner = null, IQueueArchive? archive = null)
    {
        var delivery = Options.Create(deliveryOptions ?? DeliveryOptions());
        archive ??= DetachedQueueArchive.Off;
        return new DeliveryProcessor(queue, transport, new RouteResolver(delivery), scheduler, owner ?? Owner(queue, scheduler, deferred, archive, time), archive,
            Options.Create(queueOptions ?? QueueOptions()), delivery, time, NullLogger<DeliveryProcessor>.Instance);
    }

    public static QueueOwner Owner(MessageQueue queue, DeliveryScheduler scheduler, DeferredSchedule deferred, IQueueArchive? archive = null, TimeProvider? time = null) =>
        new(queue, scheduler, deferred, archive ?? DetachedQueueArchive.Off, time ?? TimeProvider.System, NullLogger<QueueOwner>.Instance);

    public static DeliveryService Service(MessageQueue queue, DeliveryScheduler scheduler, DeferredSchedule deferred, TimeProvider time,
        IMessageTransport? transport = null, QueueOwner? owner = null)
    {
        var delivery = Options.Create(DeliveryOptions());
        owner ??= Owner(queue, scheduler, deferred);
        var processor = Processor(queue, transport ?? new ScriptedTransport(), scheduler, deferred, time, owner: owner);
        var pool = new SmtpConnectionPool(delivery, time, NullLogger<SmtpConnectionPool>.Instance);
        return new DeliveryService(queue, scheduler, deferred, processor, owner, pool, Options.Create(QueueOptions()), delivery, time, NullLogger<DeliveryService>.Instance);
    }
}
