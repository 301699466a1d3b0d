using System.CommandLine;
using System.Globalization;
using MailFilter.Gateway.Records.Import;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// <c>mailfilter archive import PATH... [--matter M]</c>: mbox files, folders of .eml files and Maildirs into the archive
/// (<see cref="ArchiveImporter"/>). A progress line on a terminal; one summary line on stdout; then each message stored
/// unparseable and each not stored, one line each. Exit 1 when any message could not be stored.
/// </summary>
public static class ArchiveImportCommand
{
    static readonly Argument<string[]> Paths = new("PATH") { Description = "mbox files, folders of .eml files, Maildirs (cur/ and new/).", Arity = ArgumentArity.OneOrMore };

    public static Command Create() => ArchiveCommandRunner.Verb(
        "import",
        "Import existing mail (mbox, .eml folders, Maildir) into the archive, skipping messages already archived.",
        [Paths, ArchiveCommandRunner.Matter, ArchiveCommandRunner.Actor],
        RunAsync,
        createsArchive: true);

    static async Task<int> RunAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var paths = parse.GetValue(Paths) ?? [];
        var request = new ImportRequest(paths, ArchiveCommandRunner.Access(parse, parse.GetValue(ArchiveCommandRunner.Matter)));
        var onTerminal = !Console.IsErrorRedirected;
        IProgress<ImportProgress>? progress = onTerminal ? new TerminalProgress() : null;
        ImportResult result;
        try
        {
            result = await services.GetRequiredService<ArchiveImporter>().ImportAsync(request, progress, cancellationToken);
        }
        catch (ArchiveImportException cannotStart)
        {
            return ArchiveCommandRunner.Fail(ArchiveCommandRunner.CouldNotRun, cannotStart.Message);
        }
        if (onTerminal)
            Console.Error.Write("\r\x1b[K");
        Console.WriteLine(Summary(result, paths.Length));
        foreach (var problem in result.Unparseable)
            Console.WriteLine($"unparseable: {problem}");
        foreach (var problem in result.Failed)
            Console.WriteLine($"failed: {problem}");
        return result.Failed.Count > 0 || result.Interrupted ? ArchiveCommandRunner.AnswerIsNo : ArchiveCommandRunner.Done;
    }

    static string Summary(ImportResult result, int paths) =>
        $"{(result.Interrupted ? "interrupted: " : "")}imported {result.Imported} of {result.Messages} messages from {paths} path{(paths == 1 ? "" : "s")} "
        + $"in {result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({result.MessagesPerSecond.ToString("0", CultureInfo.InvariantCulture)} messages/s): "
        + $"{result.Duplicates} duplicates skipped, {result.Unparseable.Count} unparseable (stored, listed below), {result.Failed.Count} failed";

    /// <summary>One line on stderr, rewritten in place after each batch.</summary>
    sealed class TerminalProgress : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            var source = value.Source.Length > 50 ? "…" + value.Source[^49..] : value.Source;
            Console.Error.Write($"\r\x1b[K{value.Messages} read, {value.Imported} imported, {value.Duplicates} duplicates, {value.Unparseable} unparseable, {value.Failed} failed"
                + $" ({value.MessagesPerSecond.ToString("0", CultureInfo.InvariantCulture)}/s)  {source}");
        }
    }
}
