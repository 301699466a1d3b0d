using System.CommandLine;
using MailFilter.Classifier;
using MailFilter.Rules;
using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;
using MailFilter.Rules.MassMailing;
using MimeKit;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// <c>mailfilter scan FILE|DIR... [--mail-from A] [--rcpt A]... [--json]</c>: what the gateway would do with
/// each message and exactly why. Without --rcpt, recipients come from To/Cc; without --mail-from, from From:.
/// </summary>
public static class ScanCommand
{
    static readonly Argument<string[]> Paths = new("FILE|DIR") { Description = "Message files (.eml, or mbox-style with a From line) or folders of them.", Arity = ArgumentArity.OneOrMore };
    static readonly Option<string?> MailFrom = new("--mail-from") { Description = "The envelope sender. Default: the From: address." };
    static readonly Option<string[]> Rcpt = new("--rcpt") { Description = "An envelope recipient (repeatable). Default: the To/Cc addresses." };
    static readonly Option<string?> Direction = new("--direction") { Description = "inbound, outbound or internal. Default: derived from the addresses and local_domains." };
    const long InMemoryLimitBytes = 8 * 1024 * 1024;

    static readonly Option<bool> Json = new("--json") { Description = "One JSON object per message, one per line." };
    static readonly Option<bool> NoClassifier = new("--no-classifier") { Description = "Judge by the policy rules alone: the harassment classifier does not run, so its pack fires nothing." };

    public static Command Create()
    {
        var command = new Command("scan", "Judge messages against the policy rules and the harassment classifier, and say why.") { TreatUnmatchedTokensAsErrors = false };
        command.Arguments.Add(Paths);
        command.Options.Add(MailFrom);
        command.Options.Add(Rcpt);
        command.Options.Add(Direction);
        command.Options.Add(Json);
        command.Options.Add(NoClassifier);
        CommonOptions.AddTo(command);
        command.SetAction(Run);
        return command;
    }

    static int Run(ParseResult parse)
    {
        // The classifier loads and compiles on the second core while the rules load on this one.
        var classifierReady = parse.GetValue(NoClassifier) ? null : Task.Run(() => HarassmentClassifier.Default.WarmUp());
        var folder = RulesDirectoryResolver.Resolve(parse);
        var loaded = RuleSetLoader.Load(folder);
        if (!loaded.Succeeded)
        {
            foreach (var error in loaded.Errors)
                Console.Error.WriteLine(error);
            Console.Error.WriteLine($"mailfilter: the rules in {folder} have {loaded.Errors.Count} error(s); run `mailfilter rules check`");
            return 2;
        }
        MessageDirection? direction = null;
        if (parse.GetValue(Direction) is { } name)
        {
            if (!Enum.TryParse<MessageDirection>(name, ignoreCase: true, out var parsed))
            {
                Console.Error.WriteLine($"mailfilter: unknown direction '{name}'; expected inbound, outbound or internal");
                return 2;
            }
            direction = parsed;
        }
        var files = ExpandPaths(parse.GetValue(Paths) ?? [], out var missing);
        if (missing is not null)
        {
            Console.Error.WriteLine($"mailfilter: no such file or folder: {missing}");
            return 2;
        }
        var rcpts = parse.GetValue(Rcpt) ?? [];
        var mailFrom = parse.GetValue(MailFrom);
        var envelope = mailFrom is null && rcpts.Length == 0 && direction is null
            ? null
            : new MessageEnvelope(mailFrom ?? "", rcpts, Direction: direction);
        var scanner = new MessageScanner(loaded.RuleSet!, new InMemorySimilarContentCounter(TimeSpan.FromHours(1)));
        var json = parse.GetValue(Json);
        var failures = 0;

        using var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
        var results = files.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(file => ScanOne(scanner, classifierReady?.Result, file, envelope));
        foreach (var (file, verdict, harassment, error) in results)
        {
            if (error is not null)
            {
                failures++;
                output.Flush();
                Console.Error.WriteLine($"mailfilter: {file}: {error}");
                continue;
            }
            if (json)
                ScanReport.WriteJson(output, file, verdict!, harassment);
            else
                ScanReport.WriteText(output, file, verdict!, harassment);
        }
        output.Flush();
        return failures == 0 ? 0 : 1;
    }

    static (string File, MailFilter.Rules.Evaluation.Verdict? Verdict, HarassmentScore? Harassment, string? Error) ScanOne(MessageScanner scanner, HarassmentClassifier? classifier, string file, MessageEnvelope? envelope)
    {
        try
        {
            // Small files are read whole: parsing from memory is faster; large ones are parsed from disk.
            using Stream stream = new FileInfo(file).Length <= InMemoryLimitBytes ? new MemoryStream(File.ReadAllBytes(file)) : File.OpenRead(file);
            var message = scanner.FactsBuilder.Load(stream);
            var harassment = classifier?.Score(message);
            var external = harassment is null ? null : new Dictionary<string, double> { [HarassmentScore.ScoreName] = harassment.Probability };
            return (file, scanner.Scan(message, envelope, stream.Length, external).Verdict, harassment, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ParseException)
        {
            return (file, null, null, e.Message);
        }
    }

    static List<string> ExpandPaths(IEnumerable<string> paths, out string? missing)
    {
        missing = null;
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
                files.Add(path);
            else if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal));
            else
                missing ??= path;
        }
        return files;
    }
}
