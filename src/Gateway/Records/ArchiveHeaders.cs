namespace MailFilter.Gateway.Records;

/// <summary>
/// The header fields a clerk lists and a manifest prints, decoded. Mailboxes read as written ("Alice Smith"
/// &lt;alice@example.gov&gt;); the Message-ID without its angle brackets.
/// </summary>
public sealed record ArchiveHeaders
{
    public static readonly ArchiveHeaders None = new();

    public string From { get; init; } = "";

    public IReadOnlyList<string> To { get; init; } = [];

    public IReadOnlyList<string> Cc { get; init; } = [];

    public string Subject { get; init; } = "";

    /// <summary>The Date header, when it parsed.</summary>
    public DateTimeOffset? Date { get; init; }

    public string MessageId { get; init; } = "";
}
