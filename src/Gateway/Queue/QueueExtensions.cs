namespace MailFilter.Gateway.Queue;

public static class QueueExtensions
{
    /// <summary>Registers the durable queue and the delivery service. (Being built.)</summary>
    public static WebApplicationBuilder AddQueue(this WebApplicationBuilder builder) => builder;
}
