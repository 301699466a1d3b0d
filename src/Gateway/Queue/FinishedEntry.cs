namespace MailFilter.Gateway.Queue;

/// <summary>
/// What became of an entry that left delivery, handed to the archive in memory when it moved to done: the recipients as
/// the last attempt left them (the file in done keeps the envelope of the attempt before, which is not rewritten for
/// the last one), or the operator who deleted it.
/// </summary>
/// <param name="Id">The queue id.</param>
/// <param name="Outcome">delivered, bounced or deleted.</param>
/// <param name="At">When the entry was finished.</param>
/// <param name="Recipients">Each recipient's final status, reply and time (copies: the queue's envelope is not shared).</param>
/// <param name="DeletedBy">The operator whose delete finished it; null for delivery.</param>
public sealed record FinishedEntry(string Id, string Outcome, DateTimeOffset At, IReadOnlyList<QueueRecipient> Recipients, string? DeletedBy = null)
{
    /// <summary>A snapshot of <paramref name="envelope"/>'s recipients, which the caller may go on changing.</summary>
    public static FinishedEntry Of(QueueEnvelope envelope, string outcome, DateTimeOffset at, string? deletedBy = null) =>
        new(envelope.Id, outcome, at, envelope.Recipients.Select(Copy).ToList(), deletedBy);

    static QueueRecipient Copy(QueueRecipient recipient) => new()
    {
        Address = recipient.Address,
        Status = recipient.Status,
        LastReply = recipient.LastReply,
        RemoteHost = recipient.RemoteHost,
        UpdatedAt = recipient.UpdatedAt,
        BounceOwed = recipient.BounceOwed,
    };
}
