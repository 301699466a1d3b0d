using System.Text.Json;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Tests.EndToEnd;
using MailFilter.Gateway.Tests.Records;

namespace MailFilter.Gateway.Tests.Cli;

/// <summary><c>mailfilter archive search</c> through the real executable: what a clerk reads, what a script parses, what the auditor sees.</summary>
public sealed class ArchiveSearchCommandTests : IAsyncLifetime
{
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
    public async Task A_word_of_the_body_finds_the_message_on_one_line_a_clerk_reads()
    {
        var (exit, output, error) = await Run("archive", "search", "--text", "thaw");

        exit.Should().Be(0, error);
        var lines = output.TrimEnd().Split('\n');
        lines.Should().HaveCount(2);
        lines[0].Should().StartWith("2025-03-03 09:00:00  alice@city.example ", "a name too long for the column gives way to the address")
            .And.Contain("Pothole on Main Street").And.Contain("pass").And.EndWith(ArchiveSeed.Pothole);
        lines[1].Should().Be("-- 1 to 1, newest first; no more");
    }

    [Fact]
    public async Task Json_prints_one_object_per_hit_with_the_contract_fields_and_local_times_with_their_offset()
    {
        var (exit, output, error) = await Run("archive", "search", "--json");

        exit.Should().Be(0, error);
        var hits = output.TrimEnd().Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        hits.Select(h => h.GetProperty("id").GetString()).Should().Equal(ArchiveSeed.BakeSale, ArchiveSeed.Complaint, ArchiveSeed.Pothole);
        var complaint = hits[1];
        complaint.GetProperty("messageId").GetString().Should().Be("complaint-7@mail.example");
        complaint.GetProperty("receivedAt").GetString().Should().Be("2025-03-04T10:00:00.000-06:00");
        hits[0].GetProperty("receivedAt").GetString().Should().Be("2025-03-10T09:00:00.000-05:00", "after the spring-forward Chicago is on CDT");
        complaint.GetProperty("from").GetString().Should().Be("\"Angry Resident\" <resident@mail.example>");
        complaint.GetProperty("to").EnumerateArray().Select(t => t.GetString()).Should().Equal("council@city.example");
        complaint.GetProperty("subject").GetString().Should().Be("Budget complaint");
        complaint.GetProperty("action").GetString().Should().Be("quarantine");
        complaint.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).Should().Equal("profanity");
        complaint.GetProperty("direction").GetString().Should().Be("inbound");
        complaint.GetProperty("size").GetInt64().Should().Be(ArchiveSeed.ComplaintMessage.Length);
        complaint.GetProperty("sha256").GetString().Should().Be(ArchiveSeed.Sha256(ArchiveSeed.ComplaintMessage));
    }

    [Fact]
    public async Task Local_dates_select_whole_days_in_the_organisations_zone()
    {
        // 4 March in Chicago is 06:00 UTC on the 4th to 06:00 UTC on the 5th; 10 March begins at 05:00 UTC (CDT).
        var tuesday = await Run("archive", "search", "--since", "2025-03-04", "--until", "2025-03-04", "--json");
        var fromTenth = await Run("archive", "search", "--since", "2025-03-10", "--json");
        var beforeTen = await Run("archive", "search", "--until", "2025-03-03T09:00", "--json");

        tuesday.Out.Should().Contain(ArchiveSeed.Complaint).And.NotContain(ArchiveSeed.Pothole).And.NotContain(ArchiveSeed.BakeSale);
        fromTenth.Out.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain(ArchiveSeed.BakeSale);
        beforeTen.Out.Should().BeEmpty("a local time is an exclusive upper bound: the 09:00 message is not before 09:00");
    }

    [Fact]
    public async Task Fields_filter_and_pages_follow_newest_first()
    {
        var quarantined = await Run("archive", "search", "--action", "quarantine", "--json");
        var byCategory = await Run("archive", "search", "--category", "solicitation", "--json");
        var byMessageId = await Run("archive", "search", "--message-id", "<pothole-1@city.example>", "--json");
        var secondPage = await Run("archive", "search", "--limit", "2", "--page", "2");

        quarantined.Out.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain(ArchiveSeed.Complaint);
        byCategory.Out.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain(ArchiveSeed.BakeSale);
        byMessageId.Out.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain(ArchiveSeed.Pothole);
        secondPage.Out.TrimEnd().Split('\n').Should().Equal(
            secondPage.Out.TrimEnd().Split('\n')[0], "-- 3 to 3, newest first; no more");
        secondPage.Out.Should().Contain(ArchiveSeed.Pothole);
    }

    [Theory]
    [InlineData("--since", "last tuesday", "--since 'last tuesday' is not a date")]
    [InlineData("--action", "delete", "--action 'delete' is not pass, tag, quarantine or reject")]
    [InlineData("--direction", "sideways", "--direction 'sideways' is not inbound, outbound, internal, unknown")]
    [InlineData("--limit", "0", "--limit 0 is out of range")]
    [InlineData("--text", "\"unbalanced", "the search text cannot be read as a full-text query")]
    public async Task A_bad_argument_is_one_line_and_exit_code_2(string option, string value, string reason)
    {
        var (exit, output, error) = await Run("archive", "search", option, value);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().StartWith("mailfilter: ").And.Contain(reason);
    }

    [Fact]
    public async Task Without_an_archive_the_search_says_so_and_creates_nothing()
    {
        using var empty = new TempDirectory();

        var (exit, _, error) = await MailFilterCommandLine.RunAsync(empty.Path, "archive", "search", "--text", "budget");

        exit.Should().Be(2);
        error.Should().StartWith("mailfilter: no archive at ").And.Contain("wrong --data");
        Directory.Exists(Path.Combine(empty.Path, "archive")).Should().BeFalse();
    }

    [Fact]
    public async Task Every_search_is_an_audit_entry_with_the_actor_the_query_the_count_and_the_matter()
    {
        var (exit, _, error) = await Run("archive", "search", "--text", "budget", "--since", "2025-03-01", "--matter", "ORR-2025-041", "--actor", "jsmith");

        exit.Should().Be(0, error);
        using var backend = SqliteArchiveBackendFactory.Instance.Open(seed.DataDirectory, TimeProvider.System);
        var entry = (await backend.Audit.ListAsync(new AuditListQuery(), CancellationToken.None)).Should().ContainSingle().Subject;
        entry.Actor.Should().Be("jsmith");
        entry.Action.Should().Be("archive.search");
        entry.Target.Should().Be("ORR-2025-041");
        var details = JsonDocument.Parse(entry.Details).RootElement;
        details.GetProperty("count").GetInt32().Should().Be(1);
        details.GetProperty("matter").GetString().Should().Be("ORR-2025-041");
        details.GetProperty("query").GetProperty("text").GetString().Should().Be("budget");
        details.GetProperty("query").GetProperty("since").GetString().Should().Be("2025-03-01T06:00:00.000Z");
    }
}
