using System.Text.Json;
using MailFilter.Gateway.Tests.EndToEnd;
using MailFilter.Gateway.Tests.Records;

namespace MailFilter.Gateway.Tests.Cli;

/// <summary><c>mailfilter audit list</c>, <c>archive verify</c> and <c>archive coverage</c> through the real executable: what an auditor runs.</summary>
public sealed class ArchiveIntegrityCommandTests : IAsyncLifetime
{
    static readonly string Hex64 = @"[0-9a-f]{64}";
    ArchiveSeed seed = null!;

    public async Task InitializeAsync() => seed = await ArchiveSeed.CreateAsync();

    public Task DisposeAsync()
    {
        seed.Dispose();
        return Task.CompletedTask;
    }

    Task<(int Exit, string Out, string Error)> Run(params string[] arguments) =>
        MailFilterCommandLine.RunAsync(seed.DataDirectory, ArchiveSeed.InZone(arguments));

    [Fact]
    public async Task Audit_list_shows_who_did_what_oldest_first_with_each_entrys_hash()
    {
        await Run("archive", "search", "--text", "budget", "--actor", "jsmith", "--matter", "ORR-9");
        await Run("archive", "show", ArchiveSeed.Complaint, "--actor", "auditor1");

        var text = await Run("audit", "list");
        var json = await Run("audit", "list", "--json");
        var byActor = await Run("audit", "list", "--actor", "auditor1", "--json");

        text.Exit.Should().Be(0, text.Error);
        var lines = text.Out.TrimEnd().Split('\n');
        lines[0].Should().MatchRegex($@"^\s+1  \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d  jsmith  archive\.search  ORR-9  \{{.*""count"":1.*\}}  {Hex64}$");
        lines[1].Should().MatchRegex($@"^\s+2  .*  auditor1  archive\.view  {ArchiveSeed.Complaint}  .*  {Hex64}$");
        lines[2].Should().Be("-- 2 entries");
        var entries = json.Out.TrimEnd().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        entries.Should().HaveCount(2);
        entries[0].GetProperty("seq").GetInt64().Should().Be(1);
        entries[0].GetProperty("at").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-0[56]:00$");
        entries[0].GetProperty("actor").GetString().Should().Be("jsmith");
        entries[0].GetProperty("action").GetString().Should().Be("archive.search");
        entries[0].GetProperty("target").GetString().Should().Be("ORR-9");
        entries[0].GetProperty("details").GetProperty("matter").GetString().Should().Be("ORR-9");
        entries[1].GetProperty("previousHash").GetString().Should().Be(entries[0].GetProperty("hash").GetString());
        byActor.Out.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain("\"actor\":\"auditor1\"");
    }

    [Fact]
    public async Task Verify_of_an_intact_archive_exits_0_and_prints_the_head_it_appended()
    {
        await Run("archive", "search", "--text", "budget");

        var (exit, output, error) = await Run("archive", "verify");
        var json = await Run("archive", "verify", "--json");

        exit.Should().Be(0, error);
        output.Should().Contain("checked 3 records (3 stored messages) and 1 audit entries: intact")
            .And.MatchRegex($@"audit chain head: 2:{Hex64} \(this verification's entry");
        json.Exit.Should().Be(0, json.Error);
        var summary = JsonDocument.Parse(json.Out).RootElement;
        summary.GetProperty("intact").GetBoolean().Should().BeTrue();
        summary.GetProperty("records").GetInt64().Should().Be(3);
        summary.GetProperty("auditEntries").GetInt64().Should().Be(2);
        summary.GetProperty("head").GetProperty("seq").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task Verify_names_an_altered_message_and_an_altered_audit_entry_and_exits_1()
    {
        await Run("archive", "search", "--text", "budget");
        await Run("archive", "search", "--text", "pothole");
        await SqliteArchiveBackendFactory.Instance.AlterBlobAsync(seed.DataDirectory, ArchiveSeed.Sha256(ArchiveSeed.ComplaintMessage));
        await SqliteArchiveBackendFactory.Instance.AlterAuditEntryAsync(seed.DataDirectory, 1, "nothing to see");

        var (exit, output, _) = await Run("archive", "verify");
        var json = await Run("archive", "verify", "--json");

        exit.Should().Be(1);
        var lines = output.TrimEnd().Split('\n');
        lines.Should().Contain($"{ArchiveSeed.Complaint}: the stored message {ArchiveSeed.Sha256(ArchiveSeed.ComplaintMessage)} was altered: it no longer hashes to its name");
        lines.Should().Contain(l => l.StartsWith("audit seq 1: the entry was altered"));
        lines.Should().Contain("checked 3 records (3 stored messages) and 2 audit entries: 2 problem(s)");
        json.Exit.Should().Be(1);
        var problems = json.Out.TrimEnd().Split('\n').SkipLast(1).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        problems.Select(p => p.GetProperty("problem").GetString()).Should().BeEquivalentTo("blobAltered", "auditEntryAltered");
        problems.Single(p => p.GetProperty("problem").GetString() == "blobAltered").GetProperty("target").GetString().Should().Be(ArchiveSeed.Complaint);
    }

    [Fact]
    public async Task Verify_against_a_head_kept_elsewhere_catches_entries_cut_off_the_end()
    {
        var first = await Run("archive", "verify");
        var head = System.Text.RegularExpressions.Regex.Match(first.Out, $@"head: (\d+:{Hex64})").Groups[1].Value;
        await SqliteArchiveBackendFactory.Instance.RemoveAuditEntryAsync(seed.DataDirectory, 1);

        var (exit, output, _) = await Run("archive", "verify", "--known-head", head);
        var badHead = await Run("archive", "verify", "--known-head", "seventeen");

        exit.Should().Be(1);
        output.Should().Contain("audit seq 1: ");
        badHead.Exit.Should().Be(2);
        badHead.Error.Should().Be("mailfilter: --known-head 'seventeen' is not SEQ:HASH (a number, a colon, 64 hex digits), as verify and export print it\n");
    }

    [Fact]
    public async Task Coverage_lists_what_search_cannot_see_one_line_per_gap()
    {
        await seed.AddUnreadableAsync("01JNK0UNREADABLE", new DateTimeOffset(2025, 3, 5, 12, 0, 0, TimeSpan.Zero));

        var text = await Run("archive", "coverage");
        var json = await Run("archive", "coverage", "--json");

        text.Exit.Should().Be(0, text.Error);
        text.Out.TrimEnd().Split('\n').Should().Equal(
            "2025-03-05 06:00:00  01JNK0UNREADABLE  message: not readable as a MIME message (End of stream.): only its envelope is searchable",
            "-- 1 records with parts search cannot see");
        var record = JsonDocument.Parse(json.Out).RootElement;
        record.GetProperty("id").GetString().Should().Be("01JNK0UNREADABLE");
        record.GetProperty("gaps")[0].GetProperty("part").GetString().Should().Be("message");
    }
}
