using System.Text;
using System.Text.Json;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Tests.EndToEnd;
using MailFilter.Gateway.Tests.Records;

namespace MailFilter.Gateway.Tests.Cli;

/// <summary><c>mailfilter archive show</c> and <c>archive raw</c> through the real executable.</summary>
public sealed class ArchiveRecordCommandTests : IAsyncLifetime
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
    public async Task Show_explains_the_verdict_as_scan_does_with_the_envelope_and_headers()
    {
        var (exit, output, error) = await Run("archive", "show", ArchiveSeed.Complaint);

        exit.Should().Be(0, error);
        output.Should().Contain("Received:   2025-03-04T10:00:00.000-06:00 (2025-03-04 16:00:00 UTC)")
            .And.Contain("MAIL FROM:  <resident@mail.example>")
            .And.Contain("Subject:    Budget complaint")
            .And.Contain("Message-ID: <complaint-7@mail.example>")
            .And.Contain($"{ArchiveSeed.Complaint}: QUARANTINE (direction inbound, rules rules-1)")
            .And.Contain("PROFANITY_WORDS +12: profanity wording")
            .And.Contain("policy: County policy I.4")
            .And.Contain("matched \"damn\" in body");
    }

    [Fact]
    public async Task Show_lists_the_delivery_history_and_json_carries_the_whole_record()
    {
        var text = await Run("archive", "show", ArchiveSeed.Pothole);
        var json = await Run("archive", "show", ArchiveSeed.Pothole, "--json");

        text.Out.Should().Contain("2025-03-03 09:00:02  <bob@city.example>  delivered  250 2.0.0 Ok: queued as 4XyZ");
        json.Exit.Should().Be(0, json.Error);
        var record = JsonDocument.Parse(json.Out).RootElement;
        record.GetProperty("id").GetString().Should().Be(ArchiveSeed.Pothole);
        record.GetProperty("receivedAt").GetString().Should().Be("2025-03-03T09:00:00.000-06:00");
        record.GetProperty("cc").EnumerateArray().Select(c => c.GetString()).Should().Equal("\"Records\" <records@city.example>");
        record.GetProperty("envelope").GetProperty("sender").GetString().Should().Be("alice@city.example");
        record.GetProperty("verdict").GetProperty("action").GetString().Should().Be("pass");
        record.GetProperty("deliveries")[0].GetProperty("outcome").GetString().Should().Be("delivered");
        record.GetProperty("sha256").GetString().Should().Be(ArchiveSeed.Sha256(ArchiveSeed.PotholeMessage));
    }

    [Fact]
    public async Task Raw_writes_the_bytes_as_received_and_both_verbs_are_audited()
    {
        var (exit, output, error) = await MailFilterCommandLine.RunForBytesAsync(seed.DataDirectory, ArchiveSeed.InZone("archive", "raw", ArchiveSeed.BakeSale, "--actor", "auditor1"));
        await Run("archive", "show", ArchiveSeed.BakeSale, "--matter", "ORR-7");

        exit.Should().Be(0, error);
        output.Should().Equal(Encoding.UTF8.GetBytes(ArchiveSeed.BakeSaleMessage));
        using var backend = SqliteArchiveBackendFactory.Instance.Open(seed.DataDirectory, TimeProvider.System);
        var entries = await backend.Audit.ListAsync(new AuditListQuery(), CancellationToken.None);
        entries.Select(e => (e.Actor, e.Action, e.Target)).Should().Equal(("auditor1", "archive.raw", ArchiveSeed.BakeSale), (Environment.UserName, "archive.view", ArchiveSeed.BakeSale));
        entries[1].Details.Should().Contain("\"matter\":\"ORR-7\"");
    }

    [Fact]
    public async Task Raw_of_an_altered_message_writes_nothing_and_names_it()
    {
        await SqliteArchiveBackendFactory.Instance.AlterBlobAsync(seed.DataDirectory, ArchiveSeed.Sha256(ArchiveSeed.BakeSaleMessage));

        var (exit, output, error) = await MailFilterCommandLine.RunForBytesAsync(seed.DataDirectory, ArchiveSeed.InZone("archive", "raw", ArchiveSeed.BakeSale));

        exit.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Be($"mailfilter: the stored message {ArchiveSeed.Sha256(ArchiveSeed.BakeSaleMessage)} was altered: it no longer hashes to its name\n");
    }

    [Theory]
    [InlineData("show")]
    [InlineData("raw")]
    public async Task An_unknown_id_is_exit_code_1_with_one_line(string verb)
    {
        var (exit, output, error) = await Run("archive", verb, "NOSUCHRECORD0000");

        exit.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Be("mailfilter: no archived message NOSUCHRECORD0000\n");
    }
}
