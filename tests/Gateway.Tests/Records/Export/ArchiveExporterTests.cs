using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Export;
using MailFilter.Gateway.Tests.Cli;
using MailFilter.Gateway.Verdicts;
using Microsoft.Extensions.DependencyInjection;

namespace MailFilter.Gateway.Tests.Records.Export;

/// <summary>An export package: the bytes as received, a manifest whose hashes match them, and a statement the audit log vouches for.</summary>
public sealed class ArchiveExporterTests : IAsyncLifetime
{
    ArchiveSeed seed = null!;
    ServiceProvider services = null!;
    readonly TempDirectory output = new();

    public async Task InitializeAsync()
    {
        seed = await ArchiveSeed.CreateAsync();
        services = ArchiveServices.Open(seed.DataDirectory);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        seed.Dispose();
        output.Dispose();
    }

    ArchiveExporter Exporter => services.GetRequiredService<ArchiveExporter>();

    string Package(string name = "orr-41.zip") => Path.Combine(output.Path, name);

    Task<ExportResult> ExportAsync(ArchiveQuery query, string? path = null) =>
        Exporter.ExportAsync(new ExportRequest(query, new ArchiveAccess("jsmith", "ORR-2025-041"), path ?? Package()), CancellationToken.None);

    static Dictionary<string, byte[]> Entries(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    [Fact]
    public async Task The_files_are_the_bytes_as_received_and_the_manifest_hashes_match_them()
    {
        var result = await ExportAsync(new ArchiveQuery());

        result.Count.Should().Be(3);
        var entries = Entries(result.Path);
        var manifest = ManifestCsv.Read(entries["manifest.csv"]);
        manifest.Select(r => r["id"]).Should().Equal(ArchiveSeed.BakeSale, ArchiveSeed.Complaint, ArchiveSeed.Pothole);
        foreach (var row in manifest)
        {
            var bytes = entries[row["file"]];
            Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(row["sha256"]);
            row["size_bytes"].Should().Be(bytes.Length.ToString());
        }
        entries[manifest[1]["file"]].Should().Equal(Encoding.UTF8.GetBytes(ArchiveSeed.ComplaintMessage));
        entries[manifest[2]["file"]].Should().Equal(Encoding.UTF8.GetBytes(ArchiveSeed.PotholeMessage));
        manifest[1]["file"].Should().Be($"messages/20250304-100000_{ArchiveSeed.Complaint}.eml");
        manifest[1]["message_id"].Should().Be("complaint-7@mail.example");
        manifest[1]["date_local"].Should().Be("2025-03-04T10:00:00.000-06:00");
        manifest[1]["date_utc"].Should().Be("2025-03-04T16:00:00.000Z");
        manifest[1]["cc"].Should().Be("\"Records\" <records@city.example>");
        manifest[1]["subject"].Should().Be("Budget complaint");
    }

    [Fact]
    public async Task The_manifests_hash_is_in_its_own_file_the_statement_and_the_audit_entry_the_statement_names_as_head()
    {
        var result = await ExportAsync(new ArchiveQuery { Action = VerdictAction.Quarantine });

        var entries = Entries(result.Path);
        var manifestSha256 = Convert.ToHexStringLower(SHA256.HashData(entries["manifest.csv"]));
        result.ManifestSha256.Should().Be(manifestSha256);
        Encoding.ASCII.GetString(entries["manifest.csv.sha256"]).Should().Be($"{manifestSha256}  manifest.csv\n");
        var statement = Encoding.UTF8.GetString(entries["CHAIN-OF-CUSTODY.txt"]);
        statement.Should().Contain("Matter:           ORR-2025-041")
            .And.Contain("Exported by:      jsmith")
            .And.Contain("Query:            action quarantine")
            .And.Contain("Messages:         1 (")
            .And.Contain($"SHA-256 {manifestSha256}")
            .And.Contain("Software:         mailfilter ")
            .And.Contain($"Audit chain head: {result.AuditEntry.Seq}:{result.AuditEntry.Hash}");

        var audit = services.GetRequiredService<IAuditLog>();
        (await audit.HeadAsync(CancellationToken.None)).Should().Be(new AuditHead(result.AuditEntry.Seq, result.AuditEntry.Hash));
        var entry = (await audit.ListAsync(new AuditListQuery(), CancellationToken.None)).Single();
        entry.Action.Should().Be("archive.export");
        entry.Target.Should().Be("ORR-2025-041");
        var details = JsonDocument.Parse(entry.Details).RootElement;
        details.GetProperty("manifestSha256").GetString().Should().Be(manifestSha256);
        details.GetProperty("count").GetInt32().Should().Be(1);
        details.GetProperty("query").GetProperty("action").GetString().Should().Be("quarantine");
        (await services.GetRequiredService<ArchiveVerifier>().VerifyAsync(new AuditHead(entry.Seq, entry.Hash), CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task An_altered_message_fails_the_export_by_id_and_leaves_no_package()
    {
        await SqliteArchiveBackendFactory.Instance.AlterBlobAsync(seed.DataDirectory, ArchiveSeed.Sha256(ArchiveSeed.ComplaintMessage));

        var act = () => ExportAsync(new ArchiveQuery());

        (await act.Should().ThrowAsync<ArchiveExportException>()).Which.Message.Should().StartWith($"record {ArchiveSeed.Complaint}: ").And.Contain("altered");
        Directory.EnumerateFileSystemEntries(output.Path).Should().BeEmpty();
        (await services.GetRequiredService<IAuditLog>().HeadAsync(CancellationToken.None)).Seq.Should().Be(0, "no export happened");
    }

    [Fact]
    public async Task An_existing_package_is_never_replaced()
    {
        File.WriteAllText(Package(), "an earlier answer");

        var act = () => ExportAsync(new ArchiveQuery());

        (await act.Should().ThrowAsync<ArchiveExportException>()).Which.Message.Should().Contain("already exists");
        File.ReadAllText(Package()).Should().Be("an earlier answer");
    }

    [Fact]
    public async Task No_match_is_still_a_package_saying_so()
    {
        var result = await ExportAsync(new ArchiveQuery { Text = "zeppelin" });

        result.Count.Should().Be(0);
        var entries = Entries(result.Path);
        entries.Keys.Should().BeEquivalentTo("manifest.csv", "manifest.csv.sha256", "CHAIN-OF-CUSTODY.txt");
        ManifestCsv.Read(entries["manifest.csv"]).Should().BeEmpty();
    }

    [Fact]
    public void A_manifest_value_a_spreadsheet_would_run_is_written_as_text()
    {
        var manifest = new ExportManifest();
        manifest.Add(TestRecords.Create("R1", subject: "=HYPERLINK(\"http://evil.example\",\"click\")"), "messages/r1.eml", TimeZoneInfo.Utc);

        var row = ManifestCsv.Read(manifest.ToBytes()).Single();

        row["subject"].Should().Be("'=HYPERLINK(\"http://evil.example\",\"click\")");
        row["id"].Should().Be("R1");
    }
}
