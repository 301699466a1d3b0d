using MailFilter.Gateway.Queue;

namespace MailFilter.Gateway.Tests.Queue;

public class QueueOwnerLockTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_second_holder_is_refused_while_the_lock_is_held_and_served_once_it_is_let_go()
    {
        QueueOwnerLock.TryAcquire(temp.Path, "first", out var first).Should().BeTrue();

        QueueOwnerLock.TryAcquire(temp.Path, "second", out var refused).Should().BeFalse();
        refused.Should().BeNull();

        first!.Dispose();
        QueueOwnerLock.TryAcquire(temp.Path, "second", out var second).Should().BeTrue();
        second!.Holder.Should().StartWith($"second, pid {Environment.ProcessId}, since ");
        second.Dispose();
    }

    [Fact]
    public void Acquiring_a_lock_still_held_after_the_wait_fails_with_one_line_naming_the_holder()
    {
        using var gateway = QueueOwnerLock.Acquire(temp.Path, "mailfilter serve on test", TimeSpan.Zero);

        var refused = FluentActions.Invoking(() => QueueOwnerLock.Acquire(temp.Path, "mailfilter serve on test", TimeSpan.FromMilliseconds(300)))
            .Should().Throw<QueueOwnedElsewhereException>().Which;

        refused.Message.Should().Be($"the queue {temp.Path} is owned by {gateway.Holder}; stop it first or give this gateway another --data");
        refused.Message.Should().NotContain("\n");
    }
}
