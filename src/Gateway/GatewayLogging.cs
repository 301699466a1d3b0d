using Serilog;
using Serilog.Events;

namespace MailFilter.Gateway;

/// <summary>
/// The gateway's log lines: one line per event on standard output, the level, the session and queue ids in
/// brackets (see <see cref="MessageIdsEnricher"/>), the source and the message, so an admin can grep them as
/// Postfix's. Under systemd the lines go to the journal, which stamps each line itself and reads a leading
/// "&lt;N&gt;" as its syslog priority (sd-daemon(3)), so <c>journalctl -p warning</c> works.
/// </summary>
public static class GatewayLogging
{
    /// <summary>A terminal, a file or a container log: the line carries its own time stamp.</summary>
    public const string ConsoleOutputTemplate =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3}{MailFilterLineIds} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>The journal: no time stamp (the journal keeps its own), a syslog priority prefix.</summary>
    public const string JournalOutputTemplate =
        "<{" + SyslogPriorityEnricher.PropertyName + "}>{Level:u3}{MailFilterLineIds} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Serilog from configuration (section "Serilog", e.g. a file sink), with the gateway's enrichers and one console line per event.</summary>
    public static void Configure(LoggerConfiguration logger, IConfiguration configuration, bool toJournal) => logger
        .MinimumLevel.Information()
        .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
        // A start that fails (a port in use) is reported by `serve` in one line, not also as a stack trace here.
        .MinimumLevel.Override("Microsoft.Extensions.Hosting.Internal.Host", LogEventLevel.Fatal)
        .ReadFrom.Configuration(configuration)
        .Enrich.FromLogContext()
        .Enrich.With<MessageIdsEnricher>()
        .Enrich.With<SyslogPriorityEnricher>()
        .WriteTo.Console(outputTemplate: toJournal ? JournalOutputTemplate : ConsoleOutputTemplate);

    /// <summary>
    /// Whether standard output is the journal: systemd sets JOURNAL_STREAM to "device:inode" of the stream it
    /// connected, and a process only trusts it when its own standard output is that stream (a shell started from a
    /// service inherits the variable with another output).
    /// </summary>
    public static bool StandardOutputIsJournal() =>
        IsJournalStream(Environment.GetEnvironmentVariable("JOURNAL_STREAM"), StandardOutputTarget());

    /// <param name="journalStream">JOURNAL_STREAM, "device:inode".</param>
    /// <param name="standardOutputTarget">The link text of /proc/self/fd/1: "socket:[inode]", "pipe:[inode]" or a path.</param>
    public static bool IsJournalStream(string? journalStream, string? standardOutputTarget)
    {
        if (journalStream is null || standardOutputTarget is null)
            return false;
        var colon = journalStream.IndexOf(':');
        if (colon < 0 || !ulong.TryParse(journalStream.AsSpan(colon + 1), out var inode))
            return false;
        var open = standardOutputTarget.IndexOf(":[", StringComparison.Ordinal);
        return open >= 0 && standardOutputTarget.EndsWith(']')
            && ulong.TryParse(standardOutputTarget.AsSpan(open + 2, standardOutputTarget.Length - open - 3), out var actual)
            && actual == inode;
    }

    static string? StandardOutputTarget()
    {
        try
        {
            return OperatingSystem.IsLinux() ? new FileInfo("/proc/self/fd/1").LinkTarget : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
