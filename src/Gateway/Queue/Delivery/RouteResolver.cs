namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>Picks a recipient's route: a domain route, else the next hop, else MX, else the outbox.</summary>
public sealed class RouteResolver
{
    readonly Dictionary<string, NextHop> routes = new(StringComparer.OrdinalIgnoreCase);
    readonly NextHop? nextHop;
    readonly bool useMx;

    public RouteResolver(IOptions<DeliveryOptions> options)
    {
        foreach (var (domain, hop) in options.Value.Routes)
        {
            if (NextHop.TryParse(hop, out var parsed))
                routes[domain.Trim()] = parsed;
        }
        NextHop.TryParse(options.Value.NextHop, out nextHop);
        useMx = options.Value.UseMx;
    }

    public DeliveryRoute Resolve(string recipient)
    {
        var domain = recipient[(recipient.LastIndexOf('@') + 1)..].ToLowerInvariant();
        if (routes.TryGetValue(domain, out var routed))
            return new DeliveryRoute(DeliveryRouteKind.Relay, routed, "");
        for (var dot = domain.IndexOf('.'); dot >= 0; dot = domain.IndexOf('.', dot + 1))
        {
            if (routes.TryGetValue(domain[dot..], out var parent))
                return new DeliveryRoute(DeliveryRouteKind.Relay, parent, "");
        }
        if (nextHop is not null)
            return new DeliveryRoute(DeliveryRouteKind.Relay, nextHop, "");
        return useMx ? new DeliveryRoute(DeliveryRouteKind.Mx, null, domain) : DeliveryRoute.Outbox;
    }
}
