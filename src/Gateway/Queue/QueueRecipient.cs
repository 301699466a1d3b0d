namespace MailFilter.Gateway.Queue;

/// <summary>One envelope recipient and the outcome of the last attempt to deliver to it.</summary>
public sealed class QueueRecipient
{
    public required string Address { get; init; }

    public RecipientStatus Status { get; set; } = RecipientStatus.Pending;

    /// <summary>The last reply from a next hop for this recipient (or the local reason), e.g. "250 2.0.0 Ok".</summary>
    public string? LastReply { get; set; }

    /// <summary>The host that gave <see cref="LastReply"/>.</summary>
    public string? RemoteHost { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>
    /// Failed for good, and the sender's non-delivery notification for it is not queued yet (queueing it failed): the
    /// entry stays in the queue, and each attempt tries the notification again until it is queued.
    /// </summary>
    public bool BounceOwed { get; set; }
}
