using System.Text;
using System.Text.Json;
using MailFilter.Gateway.Verdicts;
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
    public async Task A_committed_entry_is_one_file_in_active_the_message_then_the_envelope_then_the_footer()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());

        queue.List(QueueState.Incoming).Should().BeEmpty();
        queue.List(QueueState.Active).Should().Equal(envelope.Id);
        var bytes = File.ReadAllText(queue.EntryPath(QueueState.Active, envelope.Id), Encoding.Latin1);
        bytes.Should().StartWith(QueueTestData.Message + "{");
        var json = bytes[QueueTestData.Message.Length..^QueueFile.FooterLength];
        bytes[^QueueFile.FooterLength..].Should().Be($"\nMailFilter-Envelope-Length: {json.Length:D16}\n");
        JsonSerializer.Deserialize<QueueEnvelope>(json, QueueJson.Indented)!.Id.Should().Be(envelope.Id);

        var entry = queue.Read(QueueState.Active, envelope.Id);
        entry.Message.Length.Should().Be(QueueTestData.Message.Length);
        entry.Envelope.Recipients.Single().Address.Should().Be("bob@example.org");
        QueueTestData.ReadMessage(queue, QueueState.Active, envelope.Id).Should().Be(QueueTestData.Message);
    }

    [Fact]
    public async Task The_verdict_is_kept_in_the_envelope()
    {
        var held = new Verdict { Action = VerdictAction.Quarantine, Categories = ["political"], Reason = "campaign appeal" };
        var entry = queue.CreateIncoming();
        entry.Message.Write(Encoding.Latin1.GetBytes(QueueTestData.Message));
        await queue.CommitAsync(entry, new QueueEnvelope { Id = entry.Id, Sender = "alice@example.net" }, held, QueueState.Hold);

        var verdict = queue.ReadEnvelope(QueueState.Hold, entry.Id).Verdict!;
        verdict.Reason.Should().Be("campaign appeal");
        verdict.Categories.Should().Equal("political");
        verdict.Action.Should().Be(VerdictAction.Quarantine);
    }

    [Fact]
    public void A_file_without_a_footer_is_not_an_entry()
    {
        var path = queue.EntryPath(QueueState.Active, QueueId.New(time));
        File.WriteAllText(path, QueueTestData.Message);

        QueueFile.HasFooter(path).Should().BeFalse();
        var read = () => QueueFile.Read(path);
        read.Should().Throw<InvalidDataException>().WithMessage("*footer*");
    }

    [Fact]
    public async Task An_entry_moves_between_states_whole()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());

        queue.Move(envelope.Id, QueueState.Active, QueueState.Deferred);
        queue.Move(envelope.Id, QueueState.Deferred, QueueState.Hold);

        queue.TryFind(envelope.Id, out var state).Should().BeTrue();
        state.Should().Be(QueueState.Hold);
        QueueTestData.ReadMessage(queue, QueueState.Hold, envelope.Id).Should().Be(QueueTestData.Message);
    }

    [Fact]
    public async Task Rewriting_the_envelope_replaces_it_keeps_the_message_and_leaves_no_temp_file()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        envelope.Attempts = 3;
        envelope.Recipients[0].Status = RecipientStatus.Failed;
        envelope.LastError = new string('x', 5000); // longer than the first envelope

        queue.WriteEnvelope(QueueState.Active, envelope);

        var reread = queue.ReadEnvelope(QueueState.Active, envelope.Id);
        reread.Attempts.Should().Be(3);
        reread.Recipients[0].Status.Should().Be(RecipientStatus.Failed);
        QueueTestData.ReadMessage(queue, QueueState.Active, envelope.Id).Should().Be(QueueTestData.Message);
        queue.List(QueueState.Incoming).Should().BeEmpty();
        queue.List(QueueState.Active).Should().Equal(envelope.Id);
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
        QueueTestData.ReadMessage(queue, QueueState.Corrupt, envelope.Id).Should().Be(QueueTestData.Message);
    }

    [Fact]
    public void Incoming_leftovers_without_an_envelope_are_removed_because_none_was_acknowledged()
    {
        var half = queue.CreateIncoming();
        half.Message.Write("From: a@b\r\n\r\npartial"u8);
        half.Message.Dispose();
        File.WriteAllText(queue.EntryPath(QueueState.Incoming, half.Id + ".rewrite"), "cut off");

        var recovery = queue.RecoverIncoming();

        recovery.Removed.Should().BeEquivalentTo([half.Id, half.Id + ".rewrite"]);
        recovery.Committed.Should().BeEmpty();
        File.Exists(half.Path).Should().BeFalse();
    }

    [Fact]
    public async Task A_committed_file_left_in_incoming_by_a_crash_before_its_rename_moves_on_by_its_verdict()
    {
        var fileSystem = new ScriptedFileSystem { FailMove = true };
        var crashing = new MessageQueue(queue.Root, fileSystem, time);
        var passed = crashing.CreateIncoming();
        passed.Message.Write(Encoding.Latin1.GetBytes(QueueTestData.Message));
        var held = crashing.CreateIncoming();
        held.Message.Write(Encoding.Latin1.GetBytes(QueueTestData.Message));
        await FluentActions.Awaiting(() => crashing.CommitAsync(passed, new QueueEnvelope { Id = passed.Id }, Verdict.Pass, QueueState.Active)).Should().ThrowAsync<IOException>();
        await FluentActions.Awaiting(() => crashing.CommitAsync(held, new QueueEnvelope { Id = held.Id }, new Verdict { Action = VerdictAction.Quarantine }, QueueState.Hold)).Should().ThrowAsync<IOException>();

        var recovery = queue.RecoverIncoming();

        recovery.Committed.Should().BeEquivalentTo([passed.Id, held.Id]);
        queue.List(QueueState.Active).Should().Equal(passed.Id);
        queue.List(QueueState.Hold).Should().Equal(held.Id);
        queue.List(QueueState.Incoming).Should().BeEmpty();
    }

    [Fact]
    public void Queue_ids_are_short_unique_and_sort_by_arrival()
    {
        var first = QueueId.New(time);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var second = QueueId.New(time);
        // 30 random bits per millisecond: a busy millisecond may draw an id twice (the queue then draws again), so the
        // ids here are spread like a busy gateway's, 100 a millisecond.
        var many = Enumerable.Range(0, 10_000).Select(i =>
        {
            if (i % 100 == 0)
                time.Advance(TimeSpan.FromMilliseconds(1));
            return QueueId.New(time);
        }).ToList();

        first.Should().HaveLength(QueueId.Length);
        string.CompareOrdinal(first, second).Should().BeNegative();
        many.Should().OnlyHaveUniqueItems();
        many.Should().OnlyContain(id => QueueId.IsValid(id));
        QueueId.IsValid("../../etc/passwd").Should().BeFalse();
    }
}
