namespace MailFilter.Gateway.Queue.Delivery;

public enum DeliveryRouteKind
{
    /// <summary>To a configured next hop (smart host or per-domain route).</summary>
    Relay,

    /// <summary>To the recipient domain's MX hosts.</summary>
    Mx,

    /// <summary>Into DATA/outbox as .eml files (no next hop configured).</summary>
    Outbox,
}
