namespace MailFilter.Gateway.Filtering;

public static class FilteringExtensions
{
    /// <summary>Registers the IMessageReceiver that spools, parses, judges and queues each message. (Being built.)</summary>
    public static WebApplicationBuilder AddFiltering(this WebApplicationBuilder builder) => builder;
}
