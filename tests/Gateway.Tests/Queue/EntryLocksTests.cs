using MailFilter.Gateway.Queue.Delivery;

namespace MailFilter.Gateway.Tests.Queue;

public class EntryLocksTests
{
    [Fact]
    public async Task Waiters_for_one_entry_get_it_one_at_a_time_in_the_order_they_asked()
    {
        var locks = new EntryLocks();
        var first = await locks.AcquireAsync("A", CancellationToken.None);
        var order = new List<int>();
        var waiters = Enumerable.Range(1, 5).Select(async n =>
        {
            using (await locks.AcquireAsync("A", CancellationToken.None))
            {
                lock (order)
                    order.Add(n);
                await Task.Yield();
            }
        }).ToList();

        order.Should().BeEmpty();
        first.Dispose();
        await Task.WhenAll(waiters);

        order.Should().Equal(1, 2, 3, 4, 5);
        locks.IsBusy("A").Should().BeFalse("a lock nobody holds or waits for is forgotten");
    }

    [Fact]
    public async Task Another_entry_is_not_held_up_and_a_cancelled_waiter_does_not_keep_the_lock()
    {
        var locks = new EntryLocks();
        using var held = await locks.AcquireAsync("A", CancellationToken.None);

        using (await locks.AcquireAsync("B", CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)))
        {
        }
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await FluentActions.Awaiting(() => locks.AcquireAsync("A", cancel.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();

        held.Dispose();
        using (await locks.AcquireAsync("A", CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)))
        {
        }
        locks.IsBusy("A").Should().BeFalse();
    }
}
