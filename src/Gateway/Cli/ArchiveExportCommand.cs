using System.CommandLine;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Records.Export;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// <c>mailfilter archive export [search options] --matter M --out FILE.zip</c>: every matching message as a package —
/// the original .eml files, manifest.csv and its SHA-256, a chain-of-custody statement (<see cref="ArchiveExporter"/>).
/// </summary>
public static class ArchiveExportCommand
{
    static readonly Option<string> Out = new("--out") { Description = "The package to create (.zip); it must not exist.", Required = true };
    static readonly Option<string> Matter = new("--matter") { Description = "The records request or case number the package answers (in the statement and the audit log).", Required = true };

    public static Command Create() => ArchiveCommandRunner.Verb(
        "export",
        "Export every message a search matches as a package a requester or a court accepts: .eml files, manifest.csv, chain-of-custody statement.",
        [.. ArchiveSearchOptions.All, Matter, Out, ArchiveCommandRunner.Actor],
        RunAsync);

    static async Task<int> RunAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var zone = services.GetRequiredService<AuditedArchive>().TimeZone;
        var query = ArchiveSearchOptions.ToQuery(parse, zone);
        var output = Path.GetFullPath(parse.GetValue(Out)!);
        if (File.Exists(output) || Directory.Exists(output))
            return ArchiveCommandRunner.Fail(ArchiveCommandRunner.CouldNotRun, $"{output} already exists: an export never replaces a package; choose another --out");
        try
        {
            var result = await services.GetRequiredService<ArchiveExporter>().ExportAsync(
                new ExportRequest(query, ArchiveCommandRunner.Access(parse, parse.GetValue(Matter)), output), cancellationToken);
            Console.WriteLine($"exported {result.Count} message{(result.Count == 1 ? "" : "s")} ({result.TotalBytes} bytes) to {result.Path}");
            Console.WriteLine($"manifest SHA-256: {result.ManifestSha256}");
            Console.WriteLine($"audit chain head: {result.AuditEntry.Seq}:{result.AuditEntry.Hash} (this export's entry)");
            return ArchiveCommandRunner.Done;
        }
        catch (ArchiveExportException failed)
        {
            return ArchiveCommandRunner.Fail(ArchiveCommandRunner.AnswerIsNo, failed.Message);
        }
    }
}
