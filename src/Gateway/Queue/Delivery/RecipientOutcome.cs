namespace MailFilter.Gateway.Queue.Delivery;

public enum RecipientOutcome
{
    Delivered,

    /// <summary>A 4xx reply, a connection failure or a timeout: try again later.</summary>
    Transient,

    /// <summary>A 5xx reply: return to the sender.</summary>
    Permanent,
}
