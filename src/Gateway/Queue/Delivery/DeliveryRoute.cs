namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>Where one group of recipients goes: recipients with equal routes share one transaction.</summary>
public sealed record DeliveryRoute(DeliveryRouteKind Kind, NextHop? Relay, string Domain)
{
    public static readonly DeliveryRoute Outbox = new(DeliveryRouteKind.Outbox, null, "");

    public override string ToString() => Kind switch
    {
        DeliveryRouteKind.Relay => Relay!.ToString(),
        DeliveryRouteKind.Mx => $"mx:{Domain}",
        _ => "outbox",
    };
}
