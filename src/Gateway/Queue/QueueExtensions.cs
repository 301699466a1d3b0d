using DnsClient;
using MailFilter.Gateway.Queue.Delivery;
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
        services.AddSingleton(provider =>
        {
            var dataDirectory = provider.GetRequiredService<IOptions<GatewayOptions>>().Value.FullDataDirectory;
            var queue = new MessageQueue(Path.Combine(dataDirectory, "queue"), provider.GetRequiredService<IQueueFileSystem>(), provider.GetRequiredService<TimeProvider>());
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
        services.TryAddSingleton<IMessageJournal, QueueJournal>();
        services.AddSingleton<DeferredSchedule>();
        services.AddSingleton<RouteResolver>();
        services.AddSingleton<SmtpConnectionPool>();
        services.AddSingleton<SmtpRelay>();
        services.TryAddSingleton<ILookupClient>(_ => new LookupClient());
        services.TryAddSingleton<IMxResolver, MxResolver>();
        services.TryAddSingleton<IMessageTransport, MessageTransport>();
        services.AddSingleton<DeliveryProcessor>();
        services.AddHostedService<DeliveryService>();
        return builder;
    }
}
