using MailFilter.Gateway.Queue;

namespace MailFilter.Gateway.Tests.Queue;

public class DirectorySyncGroupTests
{
    sealed class CountingFileSystem : IQueueFileSystem
    {
        public int DirectorySyncs;
        public readonly SemaphoreSlim Release = new(0);
        public bool Fail;

        public void SyncFile(FileStream file) { }

        public void SyncDirectory(string path)
        {
            Interlocked.Increment(ref DirectorySyncs);
            Release.Wait();
            if (Fail)
                throw new IOException("injected");
        }

        public void Move(string source, string destination) { }
    }

    [Fact]
    public async Task Callers_that_arrive_during_a_sync_share_one_later_sync_that_starts_after_them()
    {
        var fileSystem = new CountingFileSystem();
        var group = new DirectorySyncGroup(fileSystem, "/queue/active");

        var first = group.SyncAsync();
        var late = Enumerable.Range(0, 10).Select(_ => group.SyncAsync()).ToList();
        late.Distinct().Should().HaveCount(1, "all late callers wait for the same next sync");
        late[0].Should().NotBeSameAs(first, "a sync that began before a caller's rename cannot make that rename durable");

        fileSystem.Release.Release(2);
        await first;
        await Task.WhenAll(late);
        fileSystem.DirectorySyncs.Should().Be(2);
    }

    [Fact]
    public async Task A_failed_sync_fails_every_caller_that_shares_it()
    {
        var fileSystem = new CountingFileSystem { Fail = true };
        var group = new DirectorySyncGroup(fileSystem, "/queue/active");

        var first = group.SyncAsync();
        var second = group.SyncAsync();
        fileSystem.Release.Release(2);

        await FluentActions.Awaiting(() => first).Should().ThrowAsync<IOException>();
        await FluentActions.Awaiting(() => second).Should().ThrowAsync<IOException>();
    }
}
