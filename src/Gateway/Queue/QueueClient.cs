namespace MailFilter.Gateway.Queue;

/// <summary>The SMTP client that handed the message to the gateway, as recorded in the queue envelope.</summary>
public sealed class QueueClient
{
    public string Address { get; init; } = "";

    public string Helo { get; init; } = "";

    public bool Tls { get; init; }

    public string? AuthenticatedUser { get; init; }

    public string SessionId { get; init; } = "";
}
