namespace MailFilter.Gateway.Queue.Requests;

/// <summary>The queue's owner did not answer a request in time; the request stays in the channel and is still applied.</summary>
public sealed class QueueRequestTimeoutException(string requestId, string message) : TimeoutException(message)
{
    public string RequestId { get; } = requestId;
}
