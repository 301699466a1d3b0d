using System.CommandLine;
using System.Text.Json;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// <c>mailfilter audit list [--since DATE] [--actor A] [--limit N] [--page K] [--json]</c>: the hash-chained audit log,
/// oldest first — every search, view, export, import and verification, with who, when and why. Reading the log is not
/// itself an entry.
/// </summary>
public static class AuditCommand
{
    static readonly Option<string?> Since = new("--since") { Description = "Entries at or after: a date (2025-03-01) or local time (2025-03-01T14:30), in Records:TimeZone." };
    static readonly Option<string?> ByActor = new("--actor") { Description = "Only this actor's entries." };

    public static Command Create()
    {
        var audit = new Command("audit", "Read the archive's append-only, hash-chained audit log.");
        audit.Subcommands.Add(ArchiveCommandRunner.Verb(
            "list",
            "List audit entries, oldest first: seq, time, actor, action, target, details, hash.",
            [Since, ByActor, ArchiveCommandRunner.Limit, ArchiveCommandRunner.Page, ArchiveCommandRunner.Json],
            ListAsync));
        return audit;
    }

    static async Task<int> ListAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var zone = services.GetRequiredService<IOptions<RecordsOptions>>().Value.ResolveTimeZone();
        var (limit, page) = ArchiveCommandRunner.Paging(parse);
        var since = parse.GetValue(Since) is { } text ? LocalTimeInput.Parse(text, zone, isUntil: false, "--since") : (DateTimeOffset?)null;
        var entries = await services.GetRequiredService<IAuditLog>().ListAsync(
            new AuditListQuery { Since = since, Actor = parse.GetValue(ByActor), Limit = limit, Page = page }, cancellationToken);
        var json = parse.GetValue(ArchiveCommandRunner.Json);
        foreach (var entry in entries)
            Console.WriteLine(json
                ? JsonSerializer.Serialize(AuditEntryDocument.Of(entry, zone), VerdictJson.Compact)
                : $"{entry.Seq,6}  {LocalTimeInput.FormatShort(entry.At, zone)}  {entry.Actor}  {entry.Action}  {(entry.Target.Length > 0 ? entry.Target : "-")}  {entry.Details}  {entry.Hash}");
        if (!json)
            Console.WriteLine(entries.Count == 0 ? "-- no audit entries" : $"-- {entries.Count} entries{(entries.Count == limit ? $"; more with --page {page + 1}" : "")}");
        return ArchiveCommandRunner.Done;
    }
}
