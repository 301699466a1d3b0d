using MailFilter.Gateway.Queue;

namespace MailFilter.Gateway.Records.Archiving;

/// <summary>
/// The delivery events of a finished queue entry: one per recipient — delivered or failed with the reply that decided it,
/// deleted by the operator who deleted the entry, or, when the gateway stopped between the last attempt and archiving
/// its outcome, an honest "outcome not recorded" rather than a guess.
/// </summary>
public static class DeliveryHistory
{
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Deleted = "deleted";
    public const string Unrecorded = "unrecorded";

    /// <summary>The reply of an <see cref="Unrecorded"/> event.</summary>
    public const string UnrecordedReply =
        "outcome not recorded: the gateway stopped after the last delivery attempt and before the archive had its result; the delivery log has it";

    /// <summary>From the outcome the queue handed over in memory when the entry finished.</summary>
    public static IReadOnlyList<DeliveryEvent> Of(FinishedEntry finished) =>
        Events(finished.Recipients, finished.DeletedBy, finished.At, finished.At);

    /// <summary>
    /// From the envelope in done, after a restart: the recipients it shows delivered or failed keep their replies; those it
    /// shows pending were deleted (when the envelope says so) or have an outcome not recorded, dated <paramref name="now"/>.
    /// </summary>
    public static IReadOnlyList<DeliveryEvent> FromEnvelope(QueueEnvelope envelope, DateTimeOffset now) =>
        Events(envelope.Recipients, envelope.DeletedBy, envelope.DeletedAt ?? now, now);

    /// <summary>True for an event that settles a recipient (anything but <see cref="Unrecorded"/>).</summary>
    public static bool IsFinal(DeliveryEvent delivery) =>
        delivery.Outcome is Delivered or Failed or Deleted;

    static List<DeliveryEvent> Events(IEnumerable<QueueRecipient> recipients, string? deletedBy, DateTimeOffset deletedAt, DateTimeOffset now) =>
        recipients.Select(recipient => recipient.Status switch
        {
            RecipientStatus.Delivered => new DeliveryEvent(recipient.Address, Delivered, recipient.LastReply ?? "", recipient.UpdatedAt ?? now),
            RecipientStatus.Failed => new DeliveryEvent(recipient.Address, Failed, recipient.LastReply ?? "", recipient.UpdatedAt ?? now),
            _ when deletedBy is not null => new DeliveryEvent(recipient.Address, Deleted, $"deleted by {deletedBy}", deletedAt),
            _ => new DeliveryEvent(recipient.Address, Unrecorded, UnrecordedReply, now),
        }).ToList();
}
