namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>Sends one message to a group of recipients that share a route and reports each recipient's outcome.</summary>
public interface IMessageTransport
{
    /// <summary>Never throws for delivery failures: they are recipient results. Throws only when cancelled.</summary>
    Task<IReadOnlyList<RecipientResult>> SendAsync(OutgoingMessage message, DeliveryRoute route, IReadOnlyList<string> recipients, CancellationToken cancellationToken);
}
