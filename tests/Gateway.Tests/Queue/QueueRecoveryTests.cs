using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>A restart after a crash: what was left in each state directory is recovered.</summary>
public class QueueRecoveryTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task After_a_crash_active_is_scheduled_deferred_waits_incoming_is_removed_and_broken_entries_go_to_corrupt()
    {
        var root = Path.Combine(temp.Path, "queue");
        var before = new MessageQueue(root, new DurableFileSystem(), time);
        var active = await QueueTestData.AddEntryAsync(before, QueueState.Active, time.GetUtcNow());
        var deferred = await QueueTestData.AddEntryAsync(before, QueueState.Deferred, time.GetUtcNow());
        deferred.NextAttemptAt = time.GetUtcNow().AddMinutes(5);
        before.WriteEnvelope(QueueState.Deferred, deferred);
        var held = await QueueTestData.AddEntryAsync(before, QueueState.Hold, time.GetUtcNow());
        var broken = await QueueTestData.AddEntryAsync(before, QueueState.Active, time.GetUtcNow());
        QueueTestData.BreakEnvelope(before, QueueState.Active, broken.Id);
        var crashedWhileReceiving = before.CreateIncoming();
        crashedWhileReceiving.Message.Write("From: x@y\r\n"u8);
        crashedWhileReceiving.Message.Dispose();
        File.WriteAllText(Path.Combine(root, "active", "stray-file"), "?");
        var olderLayout = QueueId.New(time);
        Directory.CreateDirectory(Path.Combine(root, "deferred", olderLayout));

        // restart
        var queue = new MessageQueue(root, new DurableFileSystem(), time);
        queue.RecoverIncoming();
        var scheduler = new DeliveryScheduler();
        var schedule = new DeferredSchedule();
        var service = DeliveryHarness.Service(queue, scheduler, schedule, time);
        service.Recover();

        queue.List(QueueState.Incoming).Should().BeEmpty();
        scheduler.Ready.TryRead(out var scheduled).Should().BeTrue();
        scheduled.Should().Be(active.Id);
        scheduler.Ready.TryRead(out _).Should().BeFalse();
        schedule.TakeDue(time.GetUtcNow()).Should().BeEmpty();
        schedule.TakeDue(time.GetUtcNow().AddMinutes(5)).Should().Equal(deferred.Id);
        queue.List(QueueState.Hold).Should().Equal(held.Id);
        queue.List(QueueState.Corrupt).Should().BeEquivalentTo([broken.Id, "stray-file", olderLayout]);
        await Task.CompletedTask;
    }
}
