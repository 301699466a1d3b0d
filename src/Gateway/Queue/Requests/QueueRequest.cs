namespace MailFilter.Gateway.Queue.Requests;

/// <summary>
/// An operator's request to the queue's owner, as written to DATA/queue/requests/&lt;id&gt;.request: one operation on
/// some entries. The id is a <see cref="QueueId"/> drawn when the request is made, so requests sort by time.
/// </summary>
public sealed record QueueRequest
{
    public const int CurrentFormat = 1;

    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public int Format { get; init; } = CurrentFormat;

    public required string Id { get; init; }

    public required QueueOperation Operation { get; init; }

    /// <summary>The queue ids the operation applies to; empty for a flush of every deferred entry.</summary>
    public IReadOnlyList<string> Entries { get; init; } = [];

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>Who asked, for the log: e.g. "mailfilter queue hold (user clerk, pid 4242)".</summary>
    public string RequestedBy { get; init; } = "";
}
