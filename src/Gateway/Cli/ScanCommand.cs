using System.CommandLine;
using System.Net;
using MailFilter.Classifier;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Records.Import;
using MailFilter.Gateway.Smtp;
using MailFilter.Gateway.Verdicts;
using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// <c>mailfilter scan FILE|DIR... [--mail-from A] [--rcpt A]... [--client-ip IP] [--json]</c>: what the gateway would do
/// with each message and exactly why — the gateway's own judge, composed from the same configuration as <c>serve</c>.
/// Without --rcpt, recipients come from To/Cc; without --mail-from, from From:; without --client-ip the direction
/// follows the sender's address. With --envelopes, each listed message is judged with its own envelope (a corpus whose
/// messages came from different clients, e.g. bench/detection).
/// </summary>
public static class ScanCommand
{
    static readonly Argument<string[]> Paths = new("FILE|DIR") { Description = "Message files (.eml, or mbox-style with a From line) or folders of them.", Arity = ArgumentArity.ZeroOrMore };
    static readonly Option<string?> MailFrom = new("--mail-from") { Description = "The envelope sender. Default: the From: address." };
    static readonly Option<string[]> Rcpt = new("--rcpt") { Description = "An envelope recipient (repeatable). Default: the To/Cc addresses." };
    static readonly Option<string?> ClientIp = new("--client-ip") { Description = "The SMTP client's address: trusted or not by Smtp:TrustedNetworks, as the gateway would judge it." };
    static readonly Option<string?> Helo = new("--helo") { Description = "The SMTP client's EHLO name." };
    static readonly Option<bool> Json = new("--json") { Description = "One JSON object per message, one per line." };
    static readonly Option<string?> Envelopes = new("--envelopes") { Description = "A tab-separated file, one message per line: FILE, MAIL FROM, the recipients (space-separated), the client IP (may be empty). Each message is judged with its own envelope; FILE|DIR arguments are not needed." };
    static readonly Option<bool> NoClassifier = new("--no-classifier") { Description = "Judge by the policy rules alone: the harassment classifier does not run, so its pack fires nothing." };
    const long InMemoryLimitBytes = 8 * 1024 * 1024;

    public static Command Create()
    {
        var command = new Command("scan", "Judge messages as the gateway would, and say why.");
        command.Arguments.Add(Paths);
        command.Options.Add(MailFrom);
        command.Options.Add(Rcpt);
        command.Options.Add(ClientIp);
        command.Options.Add(Helo);
        command.Options.Add(Json);
        command.Options.Add(NoClassifier);
        command.Options.Add(Envelopes);
        CommonOptions.AddTo(command);
        command.SetAction(Run);
        return command;
    }

    static int Run(ParseResult parse)
    {
        var useClassifier = !parse.GetValue(NoClassifier);
        // The classifier loads and compiles on the second core while the rules load on this one.
        var classifierReady = useClassifier ? Task.Run(() => HarassmentClassifier.Default.WarmUp()) : Task.CompletedTask;
        var configuration = new ConfigurationBuilder().AddGatewaySources(parse).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        services.AddJudge(watchRules: false, useClassifier);
        using var provider = services.BuildServiceProvider();

        IMessageJudge judge;
        MessageParser parser;
        SmtpRelayPolicy relay;
        try
        {
            judge = provider.GetRequiredService<IMessageJudge>();
            parser = provider.GetRequiredService<MessageParser>();
            relay = provider.GetRequiredService<SmtpRelayPolicy>();
        }
        catch (RuleSetRefusedException refused)
        {
            foreach (var error in refused.Errors)
                Console.Error.WriteLine(error);
            Console.Error.WriteLine($"mailfilter: the rules have {refused.Errors.Count} error(s); run `mailfilter rules check`");
            return 2;
        }
        catch (OptionsValidationException invalid)
        {
            Console.Error.WriteLine($"mailfilter: invalid configuration: {string.Join("; ", invalid.Failures)}");
            return 2;
        }

        List<(string File, MessageEnvelope Envelope)> work;
        if (parse.GetValue(Envelopes) is { } envelopesFile)
        {
            if (!TryReadEnvelopes(envelopesFile, relay, out work, out var problem))
            {
                Console.Error.WriteLine($"mailfilter: {problem}");
                return 2;
            }
        }
        else
        {
            ClientFacts? client = null;
            if (parse.GetValue(ClientIp) is { } ip)
            {
                if (!IPAddress.TryParse(ip, out var address))
                {
                    Console.Error.WriteLine($"mailfilter: --client-ip '{ip}' is not an IP address");
                    return 2;
                }
                client = new ClientFacts(address.ToString(), parse.GetValue(Helo) ?? "", null, relay.IsTrusted(address));
            }
            var paths = parse.GetValue(Paths) ?? [];
            if (paths.Length == 0)
            {
                Console.Error.WriteLine("mailfilter: name at least one FILE|DIR, or --envelopes");
                return 2;
            }
            var files = ExpandPaths(paths, out var missing);
            if (missing is not null)
            {
                Console.Error.WriteLine($"mailfilter: no such file or folder: {missing}");
                return 2;
            }
            var envelope = new MessageEnvelope(parse.GetValue(MailFrom) ?? "", parse.GetValue(Rcpt) ?? [], client);
            work = [.. files.Select(file => (file, envelope))];
        }
        var json = parse.GetValue(Json);
        var maxHeaderBytes = provider.GetRequiredService<IOptions<FilteringOptions>>().Value.MaxHeaderSectionBytes;
        var failures = 0;
        classifierReady.Wait();

        using var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
        var results = work.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount)
            .SelectMany(item => ScanFile(parser, judge, item.File, item.Envelope, maxHeaderBytes));
        foreach (var (file, verdict, error) in results)
        {
            if (error is not null)
            {
                failures++;
                output.Flush();
                Console.Error.WriteLine($"mailfilter: {file}: {error}");
                continue;
            }
            if (json)
                ScanReport.WriteJson(output, file, verdict!);
            else
                ScanReport.WriteText(output, file, verdict!);
        }
        output.Flush();
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Every message of a file: one for an .eml, each in turn for an mbox (named FILE#1, FILE#2, …).</summary>
    static List<(string File, Verdict? Verdict, string? Error)> ScanFile(MessageParser parser, IMessageJudge judge, string file, MessageEnvelope envelope, int maxHeaderBytes)
    {
        try
        {
            // Small files are read whole: parsing from memory is faster; large ones are parsed from disk.
            using Stream stream = new FileInfo(file).Length <= InMemoryLimitBytes ? new MemoryStream(File.ReadAllBytes(file)) : File.OpenRead(file);
            var ranges = MboxRanges.Find(stream);
            return ranges.Select((range, i) =>
            {
                var name = ranges.Count == 1 ? file : $"{file}#{i + 1}";
                using var message = new MimeKit.IO.BoundStream(stream, range.Start, range.Start + range.Length, leaveOpen: true);
                return ScanOne(parser, judge, name, message, envelope, maxHeaderBytes);
            }).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [(file, null, e.Message)];
        }
    }

    static (string File, Verdict? Verdict, string? Error) ScanOne(MessageParser parser, IMessageJudge judge, string name, Stream stream, MessageEnvelope envelope, int maxHeaderBytes)
    {
        try
        {
            if (!HeaderSectionMeter.FitsWithin(stream, maxHeaderBytes))
                return (name, null, $"the gateway would refuse it: {SpoolingMessageWriter.HeaderSectionTooLarge(maxHeaderBytes)}");
            using var message = parser.Parse(stream, CancellationToken.None);
            var verdict = judge.JudgeAsync(message, envelope, stream.Length, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            return (name, verdict, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ParseException)
        {
            return (name, null, e.Message);
        }
    }

    /// <summary>Reads FILE, MAIL FROM, recipients (space-separated), client IP per tab-separated line; '#' lines are comments.</summary>
    static bool TryReadEnvelopes(string path, SmtpRelayPolicy relay, out List<(string File, MessageEnvelope Envelope)> work, out string? problem)
    {
        work = [];
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"no such envelopes file: {path}";
            return false;
        }
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
                continue;
            var fields = line.Split('\t');
            if (fields.Length < 3)
            {
                problem = $"{path}:{lineNumber}: expected FILE, MAIL FROM, recipients and client IP separated by tabs";
                return false;
            }
            ClientFacts? client = null;
            if (fields.Length > 3 && fields[3].Length > 0)
            {
                if (!IPAddress.TryParse(fields[3], out var address))
                {
                    problem = $"{path}:{lineNumber}: '{fields[3]}' is not an IP address";
                    return false;
                }
                client = new ClientFacts(address.ToString(), "", null, relay.IsTrusted(address));
            }
            if (!File.Exists(fields[0]))
            {
                problem = $"{path}:{lineNumber}: no such file: {fields[0]}";
                return false;
            }
            var recipients = fields[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            work.Add((fields[0], new MessageEnvelope(fields[1], recipients, client)));
        }
        return true;
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
