using DnsClient;
using MailFilter.Gateway.Queue.Delivery;
using MailFilter.Gateway.Queue.Requests;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MailFilter.Gateway.Queue;

public static class QueueExtensions
{
    /// <summary>Registers the durable queue (DATA/queue), the delivery service and the outbox (DATA/outbox).</summary>
    public static WebApplicationBuilder AddQueue(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IQueueFileSystem, DurableFileSystem>();
        // The gateway owns the queue for its lifetime: the lock is taken before anything in DATA/queue is touched
        // (recovery removes incoming files, which must never be another gateway's messages under reception).
        services.AddSingleton(provider => QueueOwnerLock.Acquire(
            QueueRoot(provider), $"mailfilter serve on {Environment.MachineName}", provider.GetRequiredService<IOptions<QueueOptions>>().Value.OwnerLockWait));
        services.AddSingleton(provider =>
        {
            provider.GetRequiredService<QueueOwnerLock>();
            var queue = new MessageQueue(QueueRoot(provider), provider.GetRequiredService<IQueueFileSystem>(), provider.GetRequiredService<TimeProvider>());
            var recovery = queue.RecoverIncoming();
            var logger = provider.GetRequiredService<ILogger<MessageQueue>>();
            if (recovery.Committed.Count > 0)
                logger.LogInformation("moved {Count} committed entries left in incoming by the previous run on: {Ids}", recovery.Committed.Count, string.Join(",", recovery.Committed));
            if (recovery.Removed.Count > 0)
                logger.LogWarning("removed {Count} incomplete incoming entries left by the previous run (never acknowledged): {Ids}", recovery.Removed.Count, string.Join(",", recovery.Removed));
            if (recovery.Corrupt.Count > 0)
                logger.LogError("moved {Count} unreadable incoming entries to corrupt: {Names}", recovery.Corrupt.Count, string.Join(",", recovery.Corrupt));
            return queue;
        });
        services.AddSingleton(provider => new OutboxTransport(
            Path.Combine(provider.GetRequiredService<IOptions<GatewayOptions>>().Value.FullDataDirectory, "outbox"),
            provider.GetRequiredService<IQueueFileSystem>()));
        services.AddSingleton<DeliveryScheduler>();
        // Replaced by the archiver when archiving is on (Records:Enabled).
        services.TryAddSingleton<IQueueArchive>(DetachedQueueArchive.Off);
        services.TryAddSingleton<IMessageJournal, QueueJournal>();
        services.AddSingleton<DeferredSchedule>();
        services.AddSingleton<RouteResolver>();
        services.AddSingleton<SmtpConnectionPool>();
        services.AddSingleton<SmtpRelay>();
        services.TryAddSingleton<ILookupClient>(_ => new LookupClient());
        services.TryAddSingleton<IMxResolver, MxResolver>();
        services.TryAddSingleton<IMessageTransport, MessageTransport>();
        services.AddSingleton<DeliveryProcessor>();
        services.AddSingleton<QueueOwner>();
        services.AddSingleton(provider => new QueueRequestProcessor(
            provider.GetRequiredService<MessageQueue>(),
            new QueueRequestDirectory(provider.GetRequiredService<MessageQueue>().Root, provider.GetRequiredService<IQueueFileSystem>()),
            provider.GetRequiredService<QueueOwner>(),
            $"the gateway (mailfilter serve, pid {Environment.ProcessId})",
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<QueueRequestProcessor>>()));
        services.AddHostedService<DeliveryService>();
        services.AddHostedService<QueueRequestService>();
        return builder;
    }

    static string QueueRoot(IServiceProvider provider) =>
        Path.Combine(provider.GetRequiredService<IOptions<GatewayOptions>>().Value.FullDataDirectory, "queue");
}
