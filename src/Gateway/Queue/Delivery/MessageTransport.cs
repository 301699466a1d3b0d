namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>The gateway's transport: a configured relay, the domain's MX hosts in order, or the outbox.</summary>
public sealed class MessageTransport(SmtpRelay relay, IMxResolver mx, OutboxTransport outbox, IOptions<DeliveryOptions> options) : IMessageTransport
{
    public async Task<IReadOnlyList<RecipientResult>> SendAsync(OutgoingMessage message, DeliveryRoute route, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        switch (route.Kind)
        {
            case DeliveryRouteKind.Outbox:
                return await outbox.SendAsync(message, recipients, cancellationToken);
            case DeliveryRouteKind.Relay:
                return await relay.SendAsync(message, route.Relay!, recipients, cancellationToken)
                    ?? RecipientResult.ForAll(recipients, RecipientOutcome.Transient, $"451 4.4.1 Cannot connect to {route.Relay}");
            default:
                var resolution = await mx.ResolveAsync(route.Domain, cancellationToken);
                if (resolution.Failure is not null)
                    return RecipientResult.ForAll(recipients, resolution.IsPermanent ? RecipientOutcome.Permanent : RecipientOutcome.Transient, resolution.Failure);
                foreach (var host in resolution.Hosts)
                {
                    var results = await relay.SendAsync(message, new NextHop(host, options.Value.MxPort), recipients, cancellationToken);
                    if (results is not null)
                        return results;
                }
                return RecipientResult.ForAll(recipients, RecipientOutcome.Transient, $"451 4.4.1 Cannot connect to any MX host of {route.Domain}");
        }
    }
}
