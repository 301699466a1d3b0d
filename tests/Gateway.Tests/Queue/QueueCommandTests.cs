using MailFilter.Gateway.Tests.EndToEnd;
using System.Text.Json;
using MailFilter.Gateway.Queue;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary><c>mailfilter queue ...</c> run as the real executable on a queue directory, no gateway running: changes are applied by the command itself.</summary>
public class QueueCommandTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly MessageQueue queue;

    public QueueCommandTests() => queue = new MessageQueue(Path.Combine(temp.Path, "queue"), new DurableFileSystem(), TimeProvider.System);

    public void Dispose() => temp.Dispose();

    Task<(int Exit, string Out, string Error)> RunAsync(params string[] arguments) => MailFilterCommandLine.RunAsync(temp.Path, arguments);

    [Fact]
    public async Task List_json_prints_one_object_per_line_for_every_state()
    {
        var active = await QueueTestData.AddEntryAsync(queue, QueueState.Active, DateTimeOffset.UtcNow);
        var held = await QueueTestData.AddEntryAsync(queue, QueueState.Hold, DateTimeOffset.UtcNow);

        var (exit, output, _) = await RunAsync("queue", "list", "--json");

        exit.Should().Be(0);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        entries.Select(e => (e.GetProperty("id").GetString(), e.GetProperty("state").GetString()))
            .Should().BeEquivalentTo([(active.Id, "active"), (held.Id, "hold")]);
        entries[0].GetProperty("sender").GetString().Should().Be("alice@example.net");
    }

    [Fact]
    public async Task Entries_waiting_in_done_for_the_archive_are_listed_and_shown_in_state_done()
    {
        var finished = await QueueTestData.AddEntryAsync(queue, QueueState.Done, DateTimeOffset.UtcNow);

        var (exit, output, _) = await RunAsync("queue", "list", "--state", "done", "--json");
        var shown = await RunAsync("queue", "show", finished.Id, "--json");

        exit.Should().Be(0);
        JsonDocument.Parse(output.Trim()).RootElement.GetProperty("state").GetString().Should().Be("done");
        shown.Exit.Should().Be(0, shown.Error);
        JsonDocument.Parse(shown.Out.Trim()).RootElement.GetProperty("state").GetString().Should().Be("done");
    }

    [Fact]
    public async Task Without_a_gateway_hold_then_release_are_applied_by_the_command_itself_and_release_puts_the_entry_back_in_active()
    {
        var entry = await QueueTestData.AddEntryAsync(queue, QueueState.Deferred, DateTimeOffset.UtcNow);

        var hold = await RunAsync("queue", "hold", entry.Id);
        hold.Exit.Should().Be(0, hold.Error);
        hold.Out.Trim().Should().Be($"{entry.Id}: held");
        queue.TryFind(entry.Id, out var held).Should().BeTrue();
        held.Should().Be(QueueState.Hold);

        var again = await RunAsync("queue", "hold", entry.Id);
        again.Exit.Should().Be(0);
        again.Out.Trim().Should().Be($"{entry.Id}: already held");

        (await RunAsync("queue", "release", entry.Id)).Exit.Should().Be(0);
        queue.TryFind(entry.Id, out var released).Should().BeTrue();
        released.Should().Be(QueueState.Active);
        Directory.EnumerateFileSystemEntries(Path.Combine(queue.Root, "requests")).Should().BeEmpty("every request was answered and its answer collected");
    }

    [Fact]
    public async Task Flush_makes_deferred_entries_due_now_and_delete_removes_them()
    {
        var entry = await QueueTestData.AddEntryAsync(queue, QueueState.Deferred, DateTimeOffset.UtcNow);
        var envelope = queue.ReadEnvelope(QueueState.Deferred, entry.Id);
        envelope.NextAttemptAt = DateTimeOffset.UtcNow.AddHours(4);
        queue.WriteEnvelope(QueueState.Deferred, envelope);

        var flush = await RunAsync("queue", "flush");
        flush.Exit.Should().Be(0, flush.Error);
        flush.Out.Should().Contain("1 deferred entries due now");
        queue.TryFind(entry.Id, out var flushed).Should().BeTrue();
        flushed.Should().Be(QueueState.Active);

        (await RunAsync("queue", "delete", entry.Id)).Exit.Should().Be(0);
        queue.TryFind(entry.Id, out var deleted).Should().BeTrue();
        deleted.Should().Be(QueueState.Done, "no gateway runs: the deleted entry waits in done for the archiver of the next start");
        queue.ReadEnvelope(QueueState.Done, entry.Id).DeletedBy.Should().NotBeNullOrEmpty();

        var again = await RunAsync("queue", "delete", entry.Id);
        again.Exit.Should().Be(1);
        again.Error.Trim().Should().Be($"mailfilter: {entry.Id}: already finished (waiting for the archive)");
        var missing = await RunAsync("queue", "delete", "0000000000000000");
        missing.Error.Trim().Should().Be("mailfilter: 0000000000000000: no queue entry");
    }

    [Fact]
    public async Task Without_json_list_and_show_are_text_a_person_reads_with_subject_and_why_it_is_held()
    {
        var held = await QueueTestData.AddEntryAsync(queue, QueueState.Hold, DateTimeOffset.UtcNow);
        var envelope = queue.ReadEnvelope(QueueState.Hold, held.Id);
        envelope.Verdict = new MailFilter.Gateway.Verdicts.Verdict
        {
            Action = MailFilter.Gateway.Verdicts.VerdictAction.Quarantine, Categories = ["chain_letter"], Reason = "chain_letter 8 >= quarantine 6 (CHAIN_LETTER_FORWARD_TO_N)",
        };
        queue.WriteEnvelope(QueueState.Hold, envelope);

        var list = await RunAsync("queue", "list");
        var show = await RunAsync("queue", "show", held.Id);

        list.Out.Should().Contain("subject: Budget meeting").And.Contain("quarantine: chain_letter (chain_letter 8 >= quarantine 6 (CHAIN_LETTER_FORWARD_TO_N))");
        show.Exit.Should().Be(0);
        show.Out.Should().Contain("subject:    Budget meeting").And.Contain("to <bob@example.org>: pending").And.Contain("QUARANTINE");
        show.Out.Should().NotContain("\\u0022").And.NotStartWith("{");
    }

    [Fact]
    public async Task Show_prints_the_envelope_and_verdict_and_an_unknown_id_fails_with_one_line()
    {
        var entry = await QueueTestData.AddEntryAsync(queue, QueueState.Active, DateTimeOffset.UtcNow);

        var show = await RunAsync("queue", "show", entry.Id, "--json");
        show.Exit.Should().Be(0);
        var document = JsonDocument.Parse(show.Out).RootElement;
        document.GetProperty("state").GetString().Should().Be("active");
        document.GetProperty("envelope").GetProperty("recipients")[0].GetProperty("address").GetString().Should().Be("bob@example.org");
        document.GetProperty("verdict").GetProperty("action").GetString().Should().Be("pass");

        var missing = await RunAsync("queue", "show", "0000000000000000");
        missing.Exit.Should().NotBe(0);
        missing.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("no queue entry");
    }
}
