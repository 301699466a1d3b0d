using MailFilter.Gateway.Queue.Delivery;

namespace MailFilter.Gateway.Queue.Requests;

/// <summary>The owner's answer to a <see cref="QueueRequest"/>, as written to DATA/queue/requests/&lt;id&gt;.reply: one outcome per entry.</summary>
public sealed record QueueReply
{
    public const int CurrentFormat = 1;

    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The id of the request answered.</summary>
    public required string Request { get; init; }

    public DateTimeOffset AppliedAt { get; init; }

    /// <summary>Who applied it: the running gateway, or a command line that found none running.</summary>
    public string AppliedBy { get; init; } = "";

    public IReadOnlyList<EntryOutcome> Outcomes { get; init; } = [];

    /// <summary>Set instead of outcomes when the request itself could not be read or applied.</summary>
    public string? Error { get; init; }
}
