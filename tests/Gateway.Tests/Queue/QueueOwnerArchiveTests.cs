using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>
/// The queue's owner when an archive keeps finished entries: a finished or deleted entry goes to done (never delivered
/// again) with its outcome handed over, and leaves the queue only when the archive removes it; without archiving it is
/// removed at once, as before.
/// </summary>
public sealed class QueueOwnerArchiveTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    readonly DeliveryScheduler scheduler = new();
    readonly DeferredSchedule deferred = new();
    readonly RecordingArchive archive = new();
    readonly MessageQueue queue;

    public QueueOwnerArchiveTests() => queue = new MessageQueue(Path.Combine(temp.Path, "queue"), new DurableFileSystem(), time);

    public void Dispose() => temp.Dispose();

    sealed class RecordingArchive : IQueueArchive
    {
        public bool KeepsFinishedEntries => true;

        public List<string> Committed { get; } = [];

        public List<FinishedEntry> Finished { get; } = [];

        void IQueueArchive.Committed(string id) => Committed.Add(id);

        void IQueueArchive.Finished(FinishedEntry entry) => Finished.Add(entry);
    }

    QueueOwner Owner(IQueueArchive archive) => DeliveryHarness.Owner(queue, scheduler, deferred, archive, time);

    [Fact]
    public async Task A_finished_entry_moves_to_done_and_its_final_recipient_outcomes_are_handed_to_the_archive()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        envelope.Recipients[0].Status = RecipientStatus.Delivered;
        envelope.Recipients[0].LastReply = "250 2.0.0 Ok";

        Owner(archive).Finish(envelope, "delivered");
        envelope.Recipients[0].LastReply = "changed afterwards";

        queue.List(QueueState.Done).Should().Equal(envelope.Id);
        queue.List(QueueState.Active).Should().BeEmpty();
        queue.TryFind(envelope.Id, out var state).Should().BeTrue();
        state.Should().Be(QueueState.Done);
        var finished = archive.Finished.Should().ContainSingle().Subject;
        finished.Should().BeEquivalentTo(new { envelope.Id, Outcome = "delivered", At = time.GetUtcNow(), DeletedBy = (string?)null });
        finished.Recipients.Single().LastReply.Should().Be("250 2.0.0 Ok", "the archive gets a copy, not the envelope delivery goes on using");
    }

    [Fact]
    public async Task Without_archiving_a_finished_entry_leaves_the_queue_at_once()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());

        Owner(DetachedQueueArchive.Off).Finish(envelope, "delivered");

        queue.List(QueueState.Active).Should().BeEmpty();
        queue.List(QueueState.Done).Should().BeEmpty();
    }

    [Fact]
    public async Task An_operator_delete_writes_who_deleted_it_and_moves_the_entry_to_done_for_the_archive()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Hold, time.GetUtcNow());

        var outcome = await Owner(archive).DeleteAsync(envelope.Id, "clerk@example.gov", CancellationToken.None);

        outcome.Should().Be(new EntryOutcome(envelope.Id, EntryOutcomeKind.Changed, QueueState.Done, "deleted"));
        var stored = queue.ReadEnvelope(QueueState.Done, envelope.Id);
        stored.DeletedBy.Should().Be("clerk@example.gov", "after a restart the archive reads it from the envelope");
        stored.DeletedAt.Should().Be(time.GetUtcNow());
        archive.Finished.Should().ContainSingle().Which.Should().BeEquivalentTo(new { envelope.Id, Outcome = "deleted", DeletedBy = "clerk@example.gov" });
    }

    [Fact]
    public async Task Every_operation_on_an_entry_in_done_answers_that_it_is_finished()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        var owner = Owner(archive);
        owner.Finish(envelope, "delivered");

        foreach (var outcome in new[]
        {
            await owner.HoldAsync(envelope.Id, "test", CancellationToken.None),
            await owner.ReleaseAsync(envelope.Id, "test", CancellationToken.None),
            await owner.DeleteAsync(envelope.Id, "test", CancellationToken.None),
            await owner.FlushAsync(envelope.Id, "test", CancellationToken.None),
        })
            outcome.Should().Be(new EntryOutcome(envelope.Id, EntryOutcomeKind.AlreadyFinished, QueueState.Done, "already delivered"));
        queue.List(QueueState.Done).Should().Equal(envelope.Id);
        archive.Finished.Should().ContainSingle();
    }

    [Fact]
    public async Task A_corrupt_entry_no_one_can_read_is_deleted_outright()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Corrupt, time.GetUtcNow());
        QueueTestData.BreakEnvelope(queue, QueueState.Corrupt, envelope.Id);

        var outcome = await Owner(archive).DeleteAsync(envelope.Id, "admin", CancellationToken.None);

        outcome.Should().Be(new EntryOutcome(envelope.Id, EntryOutcomeKind.Changed, null, "deleted"));
        queue.TryFind(envelope.Id, out _).Should().BeFalse();
        archive.Finished.Should().BeEmpty();
    }

    [Fact]
    public async Task Leftovers_in_done_are_removed_at_start_only_when_nothing_archives_them()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Done, time.GetUtcNow());

        Owner(DetachedQueueArchive.OnNextStart).RemoveDoneLeftovers().Should().Be(0);
        Owner(archive).RemoveDoneLeftovers().Should().Be(0);
        queue.List(QueueState.Done).Should().Equal(envelope.Id);
        Owner(DetachedQueueArchive.Off).RemoveDoneLeftovers().Should().Be(1);
        queue.List(QueueState.Done).Should().BeEmpty();
    }
}
