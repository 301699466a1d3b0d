using System.CommandLine;
using System.Text.Json;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// <c>mailfilter archive verify [--known-head SEQ:HASH] [--json]</c> (every stored message re-hashed, the audit chain
/// walked; each problem one line, exit 1 when there is any; the chain head printed to be kept elsewhere) and
/// <c>mailfilter archive coverage [--limit N] [--page K] [--json]</c> (what the search index could not see, per record).
/// </summary>
public static class ArchiveIntegrityCommands
{
    static readonly Option<string?> KnownHead = new("--known-head")
    {
        Description = "A chain head kept elsewhere (SEQ:HASH, as an earlier verify or an export printed it): also proves no entry up to it was cut off the end.",
    };

    public static Command Verify() => ArchiveCommandRunner.Verb(
        "verify",
        "Prove the archive intact: re-hash every stored message, walk the audit chain, name everything altered or removed.",
        [KnownHead, ArchiveCommandRunner.Actor, ArchiveCommandRunner.Json],
        VerifyAsync);

    public static Command Coverage() => ArchiveCommandRunner.Verb(
        "coverage",
        "List what the search index could not see (encrypted or image-only files, limits reached, unreadable messages), newest first.",
        [ArchiveCommandRunner.Limit, ArchiveCommandRunner.Page, ArchiveCommandRunner.Actor, ArchiveCommandRunner.Json],
        CoverageAsync);

    static async Task<int> VerifyAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var knownHead = parse.GetValue(KnownHead) is { } text ? ParseHead(text) : null;
        var (verification, entry) = await services.GetRequiredService<AuditedArchive>().VerifyAsync(knownHead, ArchiveCommandRunner.Access(parse), cancellationToken);
        var head = new AuditHead(entry.Seq, entry.Hash);
        if (parse.GetValue(ArchiveCommandRunner.Json))
        {
            foreach (var problem in verification.Problems)
                Console.WriteLine(JsonSerializer.Serialize(new { problem = problem.Kind, problem.Target, problem.Sha256, problem.Description }, VerdictJson.Compact));
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                intact = verification.IsIntact,
                records = verification.RecordsChecked,
                blobs = verification.BlobsChecked,
                auditEntries = verification.AuditEntriesChecked,
                problems = verification.Problems.Count,
                head = new { seq = head.Seq, hash = head.Hash },
            }, VerdictJson.Compact));
        }
        else
        {
            foreach (var problem in verification.Problems)
                Console.WriteLine(problem);
            Console.WriteLine($"checked {verification.RecordsChecked} records ({verification.BlobsChecked} stored messages) and {verification.AuditEntriesChecked} audit entries: "
                + (verification.IsIntact ? "intact" : $"{verification.Problems.Count} problem(s)"));
            Console.WriteLine($"audit chain head: {head} (this verification's entry; keep it outside this machine and pass it as --known-head next time)");
        }
        return verification.IsIntact ? ArchiveCommandRunner.Done : ArchiveCommandRunner.AnswerIsNo;
    }

    static async Task<int> CoverageAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var archive = services.GetRequiredService<AuditedArchive>();
        var (limit, page) = ArchiveCommandRunner.Paging(parse);
        var records = await archive.CoverageAsync(limit, page, ArchiveCommandRunner.Access(parse), cancellationToken);
        var json = parse.GetValue(ArchiveCommandRunner.Json);
        foreach (var record in records)
        {
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { id = record.RecordId, receivedAt = LocalTimeInput.Format(record.ReceivedAt, archive.TimeZone), gaps = record.Gaps }, VerdictJson.Compact));
                continue;
            }
            foreach (var gap in record.Gaps)
                Console.WriteLine($"{LocalTimeInput.FormatShort(record.ReceivedAt, archive.TimeZone)}  {record.RecordId}  {gap}");
        }
        if (!json)
            Console.WriteLine(records.Count == 0
                ? page == 1 ? "-- the index read every archived message whole" : $"-- page {page} is past the last record with a gap"
                : $"-- {records.Count} records with parts search cannot see{(records.Count == limit ? $"; more with --page {page + 1}" : "")}");
        return ArchiveCommandRunner.Done;
    }

    static AuditHead ParseHead(string text) => AuditHeadText.TryParse(text, out var head)
        ? head
        : throw new FormatException($"--known-head '{text}' is not SEQ:HASH (a number, a colon, 64 hex digits), as verify and export print it");
}
