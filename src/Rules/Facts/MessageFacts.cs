namespace MailFilter.Rules.Facts;

/// <summary>Everything the rules may test about one message. Built by <see cref="MessageFactsBuilder"/>.</summary>
public sealed class MessageFacts
{
    public required string MailFrom { get; init; }

    /// <summary>Envelope recipients (RCPT TO), or the header recipients when there was no envelope.</summary>
    public required IReadOnlyList<string> Recipients { get; init; }

    public required MessageDirection Direction { get; init; }

    public ClientFacts? Client { get; init; }

    /// <summary>The From: header's address, lower case, or "".</summary>
    public string FromAddress { get; init; } = "";

    /// <summary>To, Cc and Bcc addresses, lower case.</summary>
    public IReadOnlyList<string> HeaderRecipients { get; init; } = [];

    public IReadOnlyList<HeaderField> Headers { get; init; } = [];

    public string Subject { get; init; } = "";

    public IReadOnlyList<TextSource> Texts { get; init; } = [];

    public IReadOnlyList<AttachmentFacts> Attachments { get; init; } = [];

    public long SizeBytes { get; init; }

    /// <summary>Scores from other engines, by name ("classifier.harassment" → 0.93).</summary>
    public IReadOnlyDictionary<string, double> ExternalScores { get; init; } = new Dictionary<string, double>();

    /// <summary>Why the scan could not read the whole message (a limit was hit); empty when it read everything.</summary>
    public IReadOnlyList<string> IncompleteReasons { get; init; } = [];

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name)
    {
        foreach (var header in Headers)
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                return header.Value;
        return null;
    }

    /// <summary>A copy with more external scores, e.g. the classifier's, added after the facts were built.</summary>
    public MessageFacts WithExternalScores(IReadOnlyDictionary<string, double> scores)
    {
        var merged = new Dictionary<string, double>(ExternalScores, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in scores)
            merged[name] = value;
        return new MessageFacts
        {
            MailFrom = MailFrom, Recipients = Recipients, Direction = Direction, Client = Client,
            FromAddress = FromAddress, HeaderRecipients = HeaderRecipients, Headers = Headers, Subject = Subject,
            Texts = Texts, Attachments = Attachments, SizeBytes = SizeBytes, ExternalScores = merged,
            IncompleteReasons = IncompleteReasons,
        };
    }
}
