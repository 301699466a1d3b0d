using System.Text;
using System.Text.Json;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Queue;

namespace MailFilter.Gateway.Tests.Queue;

public class MessageQueueTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    readonly MessageQueue queue;

    public MessageQueueTests() => queue = new MessageQueue(Path.Combine(temp.Path, "queue"), new DurableFileSystem(), time);

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Every_state_is_a_directory()
    {
        foreach (var state in new[] { "incoming", "active", "deferred", "hold", "corrupt" })
            Directory.Exists(Path.Combine(temp.Path, "queue", state)).Should().BeTrue(state);
    }

    [Fact]
    public async Task A_committed_entry_leaves_incoming_for_active_with_message_envelope_and_verdict()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());

        queue.List(QueueState.Incoming).Should().BeEmpty();
        var directory = queue.EntryDirectory(QueueState.Active, envelope.Id);
        Directory.GetFiles(directory).Select(Path.GetFileName).Should().BeEquivalentTo(["message.eml", "envelope.json"]);
        File.ReadAllText(Path.Combine(directory, "message.eml")).Should().Be(QueueTestData.Message);
        queue.ReadEnvelope(QueueState.Active, envelope.Id).Recipients.Single().Address.Should().Be("bob@example.org");
    }

    [Fact]
    public async Task The_verdict_is_kept_in_the_envelope_and_an_older_entry_s_verdict_json_is_still_read()
    {
        var held = new Verdict { Action = VerdictAction.Quarantine, Categories = ["political"], Reason = "campaign appeal" };
        var entry = queue.CreateIncoming();
        entry.Message.Write(Encoding.Latin1.GetBytes(QueueTestData.Message));
        await queue.CommitAsync(entry, new QueueEnvelope { Id = entry.Id, Sender = "alice@example.net" }, held, QueueState.Hold);

        queue.ReadVerdict(QueueState.Hold, entry.Id).Reason.Should().Be("campaign appeal");
        queue.ReadVerdict(QueueState.Hold, entry.Id).Categories.Should().Equal("political");

        var old = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        var directory = queue.EntryDirectory(QueueState.Active, old.Id);
        old.Verdict = null;
        File.WriteAllText(Path.Combine(directory, "envelope.json"), JsonSerializer.Serialize(old, QueueJson.Indented));
        File.WriteAllText(Path.Combine(directory, "verdict.json"), JsonSerializer.Serialize(held, QueueJson.Indented));
        queue.ReadVerdict(QueueState.Active, old.Id).Reason.Should().Be("campaign appeal");
        queue.ReadVerdict(QueueState.Active, old.Id).Action.Should().Be(VerdictAction.Quarantine);
    }

    [Fact]
    public async Task An_entry_moves_between_states_whole()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());

        queue.Move(envelope.Id, QueueState.Active, QueueState.Deferred);
        queue.Move(envelope.Id, QueueState.Deferred, QueueState.Hold);

        queue.TryFind(envelope.Id, out var state).Should().BeTrue();
        state.Should().Be(QueueState.Hold);
        File.ReadAllText(queue.MessagePath(QueueState.Hold, envelope.Id)).Should().Be(QueueTestData.Message);
    }

    [Fact]
    public async Task Rewriting_the_envelope_replaces_it_and_leaves_no_temp_file()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        envelope.Attempts = 3;
        envelope.Recipients[0].Status = RecipientStatus.Failed;

        queue.WriteEnvelope(QueueState.Active, envelope);

        var reread = queue.ReadEnvelope(QueueState.Active, envelope.Id);
        reread.Attempts.Should().Be(3);
        reread.Recipients[0].Status.Should().Be(RecipientStatus.Failed);
        Directory.GetFiles(queue.EntryDirectory(QueueState.Active, envelope.Id), "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public async Task Deleting_an_older_entry_with_verdict_json_removes_it_whole()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        File.WriteAllText(Path.Combine(queue.EntryDirectory(QueueState.Active, envelope.Id), "verdict.json"), "{}");

        queue.Delete(QueueState.Active, envelope.Id);

        queue.TryFind(envelope.Id, out _).Should().BeFalse();
        queue.List(QueueState.Incoming).Should().BeEmpty();
    }

    [Fact]
    public async Task Deleting_an_entry_removes_it_from_every_state()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Deferred, time.GetUtcNow());

        queue.Delete(QueueState.Deferred, envelope.Id);

        queue.TryFind(envelope.Id, out _).Should().BeFalse();
        queue.List(QueueState.Incoming).Should().BeEmpty();
    }

    [Fact]
    public async Task A_broken_entry_is_moved_to_corrupt_not_deleted()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());

        var name = queue.MoveToCorrupt(QueueState.Active, envelope.Id);

        name.Should().Be(envelope.Id);
        File.Exists(queue.MessagePath(QueueState.Corrupt, envelope.Id)).Should().BeTrue();
    }

    [Fact]
    public void Incoming_leftovers_of_a_crashed_run_are_removed_because_none_was_acknowledged()
    {
        var half = queue.CreateIncoming();
        half.Message.Write("From: a@b\r\n\r\npartial"u8);
        half.Message.Dispose();

        queue.RemoveIncomingLeftovers().Should().Equal(half.Id);

        Directory.Exists(half.Directory).Should().BeFalse();
    }

    [Fact]
    public void Queue_ids_are_short_unique_and_sort_by_arrival()
    {
        var first = QueueId.New(time);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var second = QueueId.New(time);
        var many = Enumerable.Range(0, 10_000).Select(_ => QueueId.New(time)).ToList();

        first.Should().HaveLength(QueueId.Length);
        string.CompareOrdinal(first, second).Should().BeNegative();
        many.Should().OnlyHaveUniqueItems();
        many.Should().OnlyContain(id => QueueId.IsValid(id));
        QueueId.IsValid("../../etc/passwd").Should().BeFalse();
    }
}
