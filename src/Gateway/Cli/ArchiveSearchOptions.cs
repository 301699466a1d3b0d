using System.CommandLine;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Cli;

/// <summary>The search options <c>archive search</c> and <c>archive export</c> share, and the <see cref="ArchiveQuery"/> they make.</summary>
public static class ArchiveSearchOptions
{
    static readonly string[] Directions = ["inbound", "outbound", "internal", "unknown"];

    public static readonly Option<string?> Text = new("--text") { Description = "Words in the subject, addresses, body or attachments: words, \"phrases\", OR, NOT, prefix*." };
    public static readonly Option<string?> From = new("--from") { Description = "The sender (From: or envelope), e.g. alice@example.gov." };
    public static readonly Option<string?> To = new("--to") { Description = "A recipient (To:, Cc: or envelope)." };
    public static readonly Option<string?> Subject = new("--subject") { Description = "Words of the subject, in that order." };
    public static readonly Option<string?> MessageId = new("--message-id") { Description = "The exact Message-ID, with or without <>." };
    public static readonly Option<string?> Category = new("--category") { Description = "A policy category the verdict named, e.g. profanity." };
    public static readonly Option<string?> Action = new("--action") { Description = "What the gateway did: pass, tag or quarantine." };
    public static readonly Option<string?> Direction = new("--direction") { Description = "inbound, outbound, internal, or unknown (imported mail)." };
    public static readonly Option<string?> Since = new("--since") { Description = "Received on or after: a date (2025-03-01) or local time (2025-03-01T14:30), in Records:TimeZone." };
    public static readonly Option<string?> Until = new("--until") { Description = "Received up to: a date (2025-03-31, that day included) or a local time (before it), in Records:TimeZone." };

    public static IEnumerable<Option> All => [Text, From, To, Subject, MessageId, Category, Action, Direction, Since, Until];

    /// <summary>The query the options describe, dates read in <paramref name="zone"/>.</summary>
    /// <exception cref="FormatException">A value that cannot be one (an unknown action, a date that is not one); the message says which.</exception>
    public static ArchiveQuery ToQuery(ParseResult parse, TimeZoneInfo zone)
    {
        VerdictAction? action = null;
        if (parse.GetValue(Action) is { } actionName)
        {
            if (!Enum.TryParse<VerdictAction>(actionName.Trim(), ignoreCase: true, out var parsed) || int.TryParse(actionName, out _))
                throw new FormatException($"--action '{actionName}' is not pass, tag, quarantine or reject");
            action = parsed;
        }
        var direction = parse.GetValue(Direction)?.Trim().ToLowerInvariant();
        if (direction is not null && !Directions.Contains(direction))
            throw new FormatException($"--direction '{direction}' is not {string.Join(", ", Directions)}");
        return new ArchiveQuery
        {
            Text = parse.GetValue(Text),
            From = parse.GetValue(From),
            To = parse.GetValue(To),
            Subject = parse.GetValue(Subject),
            MessageId = parse.GetValue(MessageId),
            Category = parse.GetValue(Category),
            Action = action,
            Direction = direction,
        }.Bound(parse.GetValue(Since), parse.GetValue(Until), zone);
    }
}
