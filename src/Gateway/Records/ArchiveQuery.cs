using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Records;

/// <summary>
/// A records search. Every given field must match. <see cref="Text"/> is FTS5 syntax (words, "phrases", OR, NOT,
/// prefix*) over subject, from, to, body and attachment text; <see cref="From"/>, <see cref="To"/> and
/// <see cref="Subject"/> match their words as a phrase in their own field. Times are UTC instants: the caller turns
/// local dates into them. Results come newest first.
/// </summary>
public sealed record ArchiveQuery
{
    public const int MaxLimit = 10_000;

    public string? Text { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public string? Subject { get; init; }

    /// <summary>An exact Message-ID, with or without angle brackets.</summary>
    public string? MessageId { get; init; }

    public string? Category { get; init; }

    public VerdictAction? Action { get; init; }

    /// <summary>inbound, outbound or internal.</summary>
    public string? Direction { get; init; }

    /// <summary>Received at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Received before this instant.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Hits per page, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>The page, from 1.</summary>
    public int Page { get; init; } = 1;

    public bool HasFullTextTerms =>
        !string.IsNullOrWhiteSpace(Text) || !string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To) || !string.IsNullOrWhiteSpace(Subject);
}
