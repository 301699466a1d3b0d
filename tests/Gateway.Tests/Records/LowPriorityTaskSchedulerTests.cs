using MailFilter.Gateway.Records.Archiving;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>The archiver's thread: one thread, every await back on it, its priority lowered on Linux.</summary>
public sealed class LowPriorityTaskSchedulerTests
{
    [Fact]
    public async Task Work_and_the_continuations_of_its_awaits_run_on_the_one_lowered_thread()
    {
        using var scheduler = new LowPriorityTaskScheduler("test-archiver", niceness: 10);
        var threads = new List<string?>();

        await Task.Factory.StartNew(async () =>
        {
            threads.Add(Thread.CurrentThread.Name);
            await Task.Delay(10);
            threads.Add(Thread.CurrentThread.Name);
            await Task.Run(() => Thread.Sleep(1));
            threads.Add(Thread.CurrentThread.Name);
        }, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap();

        threads.Should().Equal("test-archiver", "test-archiver", "test-archiver");
        if (OperatingSystem.IsLinux())
            scheduler.Lowered.Should().BeTrue();
    }
}
