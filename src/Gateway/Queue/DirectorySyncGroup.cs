namespace MailFilter.Gateway.Queue;

/// <summary>
/// Group commit for directory fsyncs: every caller gets an fsync that started after its call, but callers
/// that arrive while one is running share the next one, so 20 concurrent sessions cost a few fsyncs, not 20.
/// </summary>
public sealed class DirectorySyncGroup(IQueueFileSystem fileSystem, string directory)
{
    readonly Lock gate = new();
    Task? running;
    Task? next;

    public Task SyncAsync()
    {
        lock (gate)
        {
            if (next is not null)
                return next;
            if (running is null)
                return running = RunAsync();
            // The running fsync may have started before this caller's rename: wait for one that starts after it.
            return next = running.ContinueWith(_ => StartNext(), TaskScheduler.Default).Unwrap();
        }
    }

    Task StartNext()
    {
        lock (gate)
        {
            running = RunAsync();
            next = null;
            return running;
        }
    }

    Task RunAsync()
    {
        var task = Task.Run(() => fileSystem.SyncDirectory(directory));
        task.ContinueWith(_ =>
        {
            lock (gate)
            {
                if (running == task)
                    running = null;
            }
        }, TaskScheduler.Default);
        return task;
    }
}
