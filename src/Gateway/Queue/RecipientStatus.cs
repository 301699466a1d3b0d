namespace MailFilter.Gateway.Queue;

/// <summary>Where delivery to one recipient stands.</summary>
public enum RecipientStatus
{
    Pending,
    Delivered,
    Failed,
}
