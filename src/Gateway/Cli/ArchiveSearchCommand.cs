using System.CommandLine;
using System.Text.Json;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// <c>mailfilter archive search [--text Q] [--from A] … [--since DATE] [--until DATE] [--limit N] [--page K] [--matter M] [--json]</c>:
/// one page of matching records, newest first — a line a clerk reads per hit, or one JSON object per line.
/// </summary>
public static class ArchiveSearchCommand
{
    const int FromWidth = 32;
    const int SubjectWidth = 56;

    public static Command Create() => ArchiveCommandRunner.Verb(
        "search",
        "Find archived messages by sender, recipient, subject, Message-ID, words, category, action, direction and date, newest first.",
        [.. ArchiveSearchOptions.All, ArchiveCommandRunner.Limit, ArchiveCommandRunner.Page, ArchiveCommandRunner.Matter, ArchiveCommandRunner.Actor, ArchiveCommandRunner.Json],
        RunAsync);

    static async Task<int> RunAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var archive = services.GetRequiredService<AuditedArchive>();
        var (limit, page) = ArchiveCommandRunner.Paging(parse);
        var query = ArchiveSearchOptions.ToQuery(parse, archive.TimeZone) with { Limit = limit, Page = page };
        var result = await archive.SearchAsync(query, ArchiveCommandRunner.Access(parse, parse.GetValue(ArchiveCommandRunner.Matter)), cancellationToken);
        var json = parse.GetValue(ArchiveCommandRunner.Json);
        foreach (var hit in result.Hits)
            Console.WriteLine(json ? JsonSerializer.Serialize(ArchiveHitDocument.Of(hit, archive.TimeZone), VerdictJson.Compact) : Line(hit, archive.TimeZone));
        if (!json)
            Console.WriteLine(Footer(result));
        return ArchiveCommandRunner.Done;
    }

    /// <summary>Local time, sender, subject, action (and categories), id.</summary>
    static string Line(ArchiveSearchHit hit, TimeZoneInfo zone)
    {
        var verdict = hit.Action.ToString().ToLowerInvariant() + (hit.Categories.Count > 0 ? ":" + string.Join(",", hit.Categories) : "");
        // A long name gives way to the address: the address is what tells senders apart.
        var from = hit.From.Length == 0 ? "(no From)" : hit.From.Length <= FromWidth ? hit.From : Address(hit.From);
        var subject = hit.Subject.Length > 0 ? hit.Subject : "(no subject)";
        return $"{LocalTimeInput.FormatShort(hit.ReceivedAt, zone)}  {Fit(from, FromWidth)}  {Fit(subject, SubjectWidth)}  {verdict,-12}  {hit.Id}";
    }

    static string Footer(ArchiveSearchPage result)
    {
        if (result.Hits.Count == 0)
            return result.Page == 1 ? "-- no archived message matches" : $"-- page {result.Page} is past the last match";
        var first = (long)(result.Page - 1) * result.Limit + 1;
        var range = $"-- {first} to {first + result.Hits.Count - 1}, newest first";
        return result.HasMore ? $"{range}; more with --page {result.Page + 1}" : $"{range}; no more";
    }

    static string Address(string mailbox)
    {
        var open = mailbox.LastIndexOf('<');
        var close = mailbox.LastIndexOf('>');
        return open >= 0 && close > open ? mailbox[(open + 1)..close] : mailbox;
    }

    static string Fit(string text, int width)
    {
        var line = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= width ? line.PadRight(width) : line[..(width - 1)] + "…";
    }
}
