using System.CommandLine;
using System.Text.Json;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// <c>mailfilter archive show ID [--json]</c> (the record: headers, envelope, the verdict as <c>scan</c> explains it,
/// delivery history, coverage) and <c>mailfilter archive raw ID</c> (the original bytes, checked against their
/// SHA-256, to stdout). Both are in the audit log.
/// </summary>
public static class ArchiveRecordCommands
{
    static readonly Argument<string> Id = new("ID") { Description = "A record id, as `archive search` lists it." };

    public static Command Show() => ArchiveCommandRunner.Verb(
        "show",
        "Show one archived message: envelope, headers, the verdict and why, delivery history, what search could not see.",
        [Id, ArchiveCommandRunner.Matter, ArchiveCommandRunner.Actor, ArchiveCommandRunner.Json],
        ShowAsync);

    public static Command Raw() => ArchiveCommandRunner.Verb(
        "raw",
        "Write one archived message's original bytes to stdout, checked against their SHA-256 (e.g. > message.eml).",
        [Id, ArchiveCommandRunner.Matter, ArchiveCommandRunner.Actor],
        RawAsync);

    static async Task<int> ShowAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var archive = services.GetRequiredService<AuditedArchive>();
        var id = parse.GetValue(Id)!;
        var record = await archive.ViewAsync(id, ArchiveCommandRunner.Access(parse, parse.GetValue(ArchiveCommandRunner.Matter)), cancellationToken);
        if (record is null)
            return ArchiveCommandRunner.Fail(ArchiveCommandRunner.AnswerIsNo, $"no archived message {id}");
        if (parse.GetValue(ArchiveCommandRunner.Json))
            Console.WriteLine(JsonSerializer.Serialize(ArchiveRecordDocument.Of(record, archive.TimeZone), VerdictJson.Compact));
        else
            ArchiveRecordText.Write(Console.Out, record, archive.TimeZone);
        return ArchiveCommandRunner.Done;
    }

    static async Task<int> RawAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var archive = services.GetRequiredService<AuditedArchive>();
        var id = parse.GetValue(Id)!;
        var original = await archive.OpenOriginalAsync(id, ArchiveCommandRunner.Access(parse, parse.GetValue(ArchiveCommandRunner.Matter)), cancellationToken);
        if (original is not { } found)
            return ArchiveCommandRunner.Fail(ArchiveCommandRunner.AnswerIsNo, $"no archived message {id}");
        await using (var content = found.Content)
        await using (var output = Console.OpenStandardOutput())
            await content.CopyToAsync(output, cancellationToken);
        return ArchiveCommandRunner.Done;
    }
}
