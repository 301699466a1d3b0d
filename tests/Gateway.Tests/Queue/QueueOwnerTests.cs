using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using MailFilter.Gateway.Tests.EndToEnd;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>
/// The queue's owner against a running delivery service over real queue files: an operator's operation on an entry
/// under delivery waits for the attempt to end, then applies to the entry as the attempt left it.
/// </summary>
public class QueueOwnerTests : IAsyncLifetime
{
    readonly TempDirectory temp = new();
    readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    readonly DeliveryScheduler scheduler = new();
    readonly DeferredSchedule deferred = new();
    readonly ScriptedTransport next = new();
    readonly CancellationTokenSource stop = new();
    readonly MessageQueue queue;
    readonly QueueOwner owner;
    HeldOpenTransport? heldOpen;
    DeliveryService? service;

    public QueueOwnerTests()
    {
        queue = new MessageQueue(Path.Combine(temp.Path, "queue"), new DurableFileSystem(), time);
        owner = DeliveryHarness.Owner(queue, scheduler, deferred);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        heldOpen?.LetGo();
        if (service is not null)
            await service.StopAsync(CancellationToken.None);
        temp.Dispose();
    }

    /// <summary>Starts delivery; with <paramref name="holdAttemptsOpen"/> every attempt waits in the transport until <see cref="HeldOpenTransport.LetGo"/>.</summary>
    async Task StartDeliveryAsync(bool holdAttemptsOpen = false)
    {
        heldOpen = holdAttemptsOpen ? new HeldOpenTransport(next) : null;
        service = DeliveryHarness.Service(queue, scheduler, deferred, time, (IMessageTransport?)heldOpen ?? next, owner);
        await service.StartAsync(stop.Token);
    }

    static RecipientResult OneTakenTwoLater(string address) => address.StartsWith("two", StringComparison.Ordinal)
        ? new(address, RecipientOutcome.Transient, "452 4.2.2 Mailbox full", "next.example")
        : new(address, RecipientOutcome.Delivered, "250 2.0.0 Ok", "next.example");

    [Fact]
    public async Task A_hold_asked_during_a_delivery_attempt_waits_for_it_then_holds_the_entry_with_the_recipient_statuses_it_wrote()
    {
        next.Answer = OneTakenTwoLater;
        var entry = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow(), recipients: ["one@example.org", "two@example.org"]);
        await StartDeliveryAsync(holdAttemptsOpen: true);
        await heldOpen!.AttemptUnderWay;

        var hold = owner.HoldAsync(entry.Id, "test", CancellationToken.None);
        await Task.Delay(200);
        hold.IsCompleted.Should().BeFalse("the hold waits for the attempt under way");
        heldOpen.LetGo();
        var outcome = await hold;

        outcome.Should().Be(new EntryOutcome(entry.Id, EntryOutcomeKind.Changed, QueueState.Hold, "held"));
        var stored = queue.ReadEnvelope(QueueState.Hold, entry.Id);
        stored.Recipients.Select(r => (r.Address, r.Status)).Should().Equal(("one@example.org", RecipientStatus.Delivered), ("two@example.org", RecipientStatus.Pending));
        stored.Attempts.Should().Be(1);
        deferred.TakeDue(DateTimeOffset.MaxValue).Should().BeEmpty("a held entry has no retry left in the schedule");
    }

    [Fact]
    public async Task A_delete_asked_during_an_attempt_that_delivers_is_a_no_op_reporting_already_delivered()
    {
        var entry = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        await StartDeliveryAsync(holdAttemptsOpen: true);
        await heldOpen!.AttemptUnderWay;

        var delete = owner.DeleteAsync(entry.Id, "test", CancellationToken.None);
        heldOpen.LetGo();

        (await delete).Should().Be(new EntryOutcome(entry.Id, EntryOutcomeKind.AlreadyFinished, null, "already delivered"));
        next.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task A_release_puts_a_held_entry_back_for_delivery_at_once()
    {
        var entry = await QueueTestData.AddEntryAsync(queue, QueueState.Hold, time.GetUtcNow());
        await StartDeliveryAsync();

        (await owner.ReleaseAsync(entry.Id, "test", CancellationToken.None)).Kind.Should().Be(EntryOutcomeKind.Changed);

        (await Eventually.TrueAsync(() => next.Sent.Count == 1)).Should().BeTrue();
        (await Eventually.TrueAsync(() => !queue.TryFind(entry.Id, out _))).Should().BeTrue();
        (await owner.ReleaseAsync(entry.Id, "test", CancellationToken.None)).Detail.Should().Be("already delivered");
    }

    [Fact]
    public async Task A_flush_right_after_an_attempt_deferred_the_entry_has_it_delivered_at_once()
    {
        next.Answer = OneTakenTwoLater;
        var entry = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow(), recipients: ["one@example.org", "two@example.org"]);
        await StartDeliveryAsync();
        (await Eventually.TrueAsync(() => File.Exists(queue.EntryPath(QueueState.Deferred, entry.Id)))).Should().BeTrue();
        next.Answer = address => new(address, RecipientOutcome.Delivered, "250 2.0.0 Ok", "next.example");

        // The retry is a minute away on a clock that does not move: only the flush can bring it back.
        (await owner.FlushAsync(entry.Id, "test", CancellationToken.None)).Kind.Should().Be(EntryOutcomeKind.Changed);

        (await Eventually.TrueAsync(() => !queue.TryFind(entry.Id, out _))).Should().BeTrue();
        next.Sent.Select(sent => string.Join(",", sent.Recipients)).Should().Equal("one@example.org,two@example.org", "two@example.org");
    }

    [Fact]
    public async Task A_retry_falling_due_after_an_operator_held_the_entry_leaves_it_held()
    {
        var entry = await QueueTestData.AddEntryAsync(queue, QueueState.Deferred, time.GetUtcNow());
        deferred.Add(entry.Id, time.GetUtcNow());

        (await owner.HoldAsync(entry.Id, "test", CancellationToken.None)).Kind.Should().Be(EntryOutcomeKind.Changed);
        (await owner.ActivateAsync(entry.Id, CancellationToken.None)).Should().BeFalse();

        queue.TryFind(entry.Id, out var state).Should().BeTrue();
        state.Should().Be(QueueState.Hold);
        scheduler.Ready.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task Releasing_an_active_entry_or_holding_a_corrupt_one_is_refused_and_changes_nothing()
    {
        var active = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        var corrupt = await QueueTestData.AddEntryAsync(queue, QueueState.Corrupt, time.GetUtcNow());

        (await owner.ReleaseAsync(active.Id, "test", CancellationToken.None)).Should().Be(new EntryOutcome(active.Id, EntryOutcomeKind.Refused, QueueState.Active, "is active, cannot be released"));
        (await owner.HoldAsync(corrupt.Id, "test", CancellationToken.None)).Should().Be(new EntryOutcome(corrupt.Id, EntryOutcomeKind.Refused, QueueState.Corrupt, "is corrupt, cannot be held"));
        (await owner.DeleteAsync("0000000000000000", "test", CancellationToken.None)).Kind.Should().Be(EntryOutcomeKind.NotFound);

        queue.List(QueueState.Active).Should().Equal(active.Id);
        queue.List(QueueState.Corrupt).Should().Equal(corrupt.Id);
    }
}
