using System.Globalization;
using System.Text;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Records.Audit;

namespace MailFilter.Gateway.Records.Export;

/// <summary>
/// <c>CHAIN-OF-CUSTODY.txt</c>: who exported what, when, with which software, answering which matter; how many
/// messages; the manifest's SHA-256; and the audit entry that records the export — whose hash covers the manifest's
/// hash and chains to every entry before it — so the package and the archive's log vouch for each other.
/// </summary>
public static class ChainOfCustodyStatement
{
    public const string FileName = "CHAIN-OF-CUSTODY.txt";

    public static string Write(ExportRequest request, TimeZoneInfo zone, DateTimeOffset at, int count, long totalBytes, string manifestSha256, AuditEntry entry, string archiveDirectory)
    {
        var head = new AuditHead(entry.Seq, entry.Hash);
        var text = new StringBuilder();
        text.Append("MailFilter archive export: chain-of-custody statement\r\n\r\n");
        Line(text, "Matter", request.Access.MatterOrEmpty);
        Line(text, "Exported by", request.Access.Actor);
        Line(text, "Exported at", $"{LocalTimeInput.Format(at, zone)} ({zone.Id}); {at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}");
        Line(text, "On host", Environment.MachineName);
        Line(text, "Software", $"mailfilter {SoftwareVersion}");
        Line(text, "Archive", archiveDirectory);
        Line(text, "Query", ArchiveQueryDetails.Describe(request.Query, zone));
        Line(text, "Query as logged", ArchiveQueryDetails.ToJson(request.Query, withPaging: false).ToJsonString());
        Line(text, "Messages", $"{count} ({totalBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes), in messages/, newest first in the manifest");
        Line(text, "Manifest", $"{ExportManifest.FileName}, SHA-256 {manifestSha256} (also in {ExportManifest.FileName}.sha256)");
        Line(text, "Audit entry", $"seq {entry.Seq} ({entry.Action}), hash {entry.Hash}; its details hold the manifest's SHA-256");
        Line(text, "Audit chain head", $"{head} (the head once this export was recorded; keep it with the package)");
        text.Append("""

            Each file in messages/ holds a message's bytes exactly as the gateway received them (imported mail: as read from
            its mbox, Maildir or .eml file), copied from the archive's store and checked against their SHA-256 as they
            were copied. Dates are when the gateway received the message (imported mail: its Date header), on the
            organisation's clock and in UTC. A manifest value that begins with =, +, -, @ or a tab has a leading
            apostrophe so that a spreadsheet shows it as text; the apostrophe is not part of the value.

            To check this package:
              1. sha256sum -c manifest.csv.sha256          the manifest is the one this statement and the audit log name
              2. sha256sum messages/*                      each file's SHA-256 equals its row's sha256 in the manifest
              3. on the archive: mailfilter archive verify --known-head
            """.Replace("\n", "\r\n"));
        text.Append($" {head}\r\n");
        text.Append("                                               the audit log still holds this export's entry, unaltered\r\n");
        return text.ToString();
    }

    /// <summary>The build's informational version (version + commit).</summary>
    public static string SoftwareVersion =>
        typeof(ChainOfCustodyStatement).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";

    static void Line(StringBuilder text, string name, string value) => text.Append($"{name + ":",-18}{value}\r\n");
}
