using System.Threading.Channels;

namespace MailFilter.Gateway.Queue.Requests;

/// <summary>
/// The running gateway's side of the command channel: applies the requests waiting in DATA/queue/requests as soon as a
/// file watcher reports one, and at least every <see cref="QueueOptions.ScanInterval"/> in case the watcher misses one
/// (or could not be set up). On start it first applies what was left: requests written while no gateway ran, and
/// requests a previous run took but did not answer.
/// </summary>
public sealed class QueueRequestService(
    QueueRequestProcessor processor,
    IOptions<QueueOptions> options,
    TimeProvider time,
    ILogger<QueueRequestService> logger) : BackgroundService
{
    /// <summary>Answers nobody collected (the tool gave up waiting) are removed after this long.</summary>
    static readonly TimeSpan UncollectedReplyLifetime = TimeSpan.FromDays(1);

    static readonly TimeSpan CleanupInterval = TimeSpan.FromHours(1);

    readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var watcher = Watch();
        var running = new List<Task>();
        var lastCleanup = DateTimeOffset.MinValue;
        try
        {
            while (true)
            {
                try
                {
                    running.RemoveAll(task => task.IsCompleted);
                    running.AddRange(processor.StartWaiting(stoppingToken));
                    var now = time.GetUtcNow();
                    if (now - lastCleanup >= CleanupInterval)
                    {
                        var removed = processor.Directory.RemoveStale(UncollectedReplyLifetime, now);
                        if (removed > 0)
                            logger.LogInformation("removed {Count} uncollected queue request replies older than {Lifetime}", removed, UncollectedReplyLifetime);
                        lastCleanup = now;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "reading queue requests from {Directory} failed; retrying at the next scan", processor.Directory.Path);
                }
                await WaitForRequestAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Requests still waiting for an entry were cancelled and stay taken: the next owner applies them.
        await Task.WhenAll(running);
    }

    async Task WaitForRequestAsync(CancellationToken stoppingToken)
    {
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        tick.CancelAfter(options.Value.ScanInterval);
        try
        {
            await wake.Reader.ReadAsync(tick.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The scan interval passed without a notice from the watcher: look anyway.
        }
    }

    FileSystemWatcher? Watch()
    {
        try
        {
            var watcher = new FileSystemWatcher(processor.Directory.Path) { NotifyFilter = NotifyFilters.FileName };
            watcher.Created += (_, _) => wake.Writer.TryWrite(true);
            watcher.Renamed += (_, _) => wake.Writer.TryWrite(true);
            watcher.Error += (_, _) => wake.Writer.TryWrite(true);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            logger.LogWarning("cannot watch {Directory} for queue requests ({Error}); they are picked up every {ScanInterval} instead",
                processor.Directory.Path, exception.Message, options.Value.ScanInterval);
            return null;
        }
    }
}
