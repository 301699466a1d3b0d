namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// Runs delivery: on start recovers the queue directories (active entries scheduled again, deferred entries by
/// their next attempt time, broken entries to corrupt), then runs the delivery workers and a scan loop that
/// moves due deferred entries back to active. Each attempt runs under its entry's lock in the <see cref="QueueOwner"/>,
/// so an operator's request on that entry waits for the attempt to end.
/// </summary>
public sealed class DeliveryService(
    MessageQueue queue,
    DeliveryScheduler scheduler,
    DeferredSchedule deferred,
    DeliveryProcessor processor,
    QueueOwner owner,
    SmtpConnectionPool pool,
    IOptions<QueueOptions> queueOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider time,
    ILogger<DeliveryService> logger) : BackgroundService
{
    static readonly TimeSpan GaugeInterval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        Recover();
        // Stopping ends the taking of new entries at once; attempts under way get a grace period, so that a
        // message is not cut after the next hop has it (which would deliver it twice after restart).
        using var inFlight = new CancellationTokenSource();
        await using var graceful = stoppingToken.Register(() => inFlight.CancelAfter(deliveryOptions.Value.ShutdownGracePeriod));
        var tasks = Enumerable.Range(0, deliveryOptions.Value.MaxConcurrentDeliveries).Select(_ => WorkAsync(stoppingToken, inFlight.Token)).ToList();
        tasks.Add(ScanAsync(stoppingToken));
        await Task.WhenAll(tasks);
    }

    /// <summary>Makes the in-memory schedule match the directories after a start (or a crash).</summary>
    public void Recover()
    {
        var corrupt = 0;
        var active = ValidEntries(QueueState.Active, ref corrupt);
        foreach (var (id, _) in active)
            scheduler.Schedule(id);
        var waiting = ValidEntries(QueueState.Deferred, ref corrupt);
        deferred.Replace(waiting.Select(entry => (entry.Id, entry.Envelope.NextAttemptAt ?? time.GetUtcNow())));
        var held = ValidEntries(QueueState.Hold, ref corrupt);
        var leftovers = owner.RemoveDoneLeftovers();
        if (leftovers > 0)
            logger.LogInformation("removed {Count} finished entries left in done (archiving is off)", leftovers);
        UpdateGauges();
        logger.LogInformation("queue recovered from {QueueDirectory}: {Active} active, {Deferred} deferred, {Held} held, {Corrupt} moved to corrupt",
            queue.Root, active.Count, waiting.Count, held.Count, corrupt);
    }

    async Task WorkAsync(CancellationToken stoppingToken, CancellationToken attemptToken)
    {
        try
        {
            await foreach (var id in scheduler.Ready.ReadAllAsync(stoppingToken))
            {
                // Held from reading the entry to writing its result, and until it may be scheduled again: an operator's
                // release or flush that comes right after the attempt then schedules it anew.
                using var entryLock = await owner.LockAsync(id, stoppingToken);
                try
                {
                    await processor.ProcessAsync(id, attemptToken);
                }
                catch (OperationCanceledException) when (attemptToken.IsCancellationRequested)
                {
                    logger.LogInformation("{QueueId}: delivery interrupted by shutdown; the entry stays active for the next start", id);
                    return;
                }
                catch (Exception exception)
                {
                    // The entry stays in active; the next rescan schedules it again.
                    logger.LogError(exception, "{QueueId}: delivery attempt failed", id);
                }
                finally
                {
                    scheduler.Finished(id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task ScanAsync(CancellationToken stoppingToken)
    {
        var lastRescan = time.GetUtcNow();
        var lastGauges = lastRescan;
        using var timer = new PeriodicTimer(queueOptions.Value.ScanInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var now = time.GetUtcNow();
                    if (now - lastRescan >= queueOptions.Value.RescanInterval)
                    {
                        Rescan();
                        lastRescan = now;
                    }
                    foreach (var id in deferred.TakeDue(now))
                        await owner.ActivateAsync(id, stoppingToken);
                    if (now - lastGauges >= GaugeInterval)
                    {
                        UpdateGauges();
                        lastGauges = now;
                    }
                    await pool.CloseIdleAsync();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "queue scan failed; retrying at the next scan");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Re-reads deferred from disk (entries changed by hand) and schedules stray active entries.</summary>
    void Rescan()
    {
        var corrupt = 0;
        var waiting = ValidEntries(QueueState.Deferred, ref corrupt);
        deferred.Replace(waiting.Select(entry => (entry.Id, entry.Envelope.NextAttemptAt ?? time.GetUtcNow())));
        foreach (var id in queue.List(QueueState.Active).Where(QueueId.IsValid))
            scheduler.Schedule(id);
    }

    List<(string Id, QueueEnvelope Envelope)> ValidEntries(QueueState state, ref int corrupt)
    {
        var valid = new List<(string, QueueEnvelope)>();
        foreach (var name in queue.List(state))
        {
            try
            {
                if (!QueueId.IsValid(name) || !File.Exists(queue.EntryPath(state, name)))
                    throw new InvalidDataException(Directory.Exists(queue.EntryPath(state, name))
                        ? "a directory: an entry in the queue layout of an earlier version, or not a queue entry"
                        : "not a queue entry");
                valid.Add((name, queue.ReadEnvelope(state, name)));
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                if (exception is FileNotFoundException && !File.Exists(queue.EntryPath(state, name)))
                    continue; // moved on by delivery while we looked
                var moved = queue.MoveToCorrupt(state, name);
                corrupt++;
                logger.LogError("{QueueId}: broken {State} entry moved to corrupt/{Name}: {Error}", name, state, moved, exception.Message);
            }
        }
        return valid;
    }

    void UpdateGauges()
    {
        foreach (var state in Enum.GetValues<QueueState>())
            QueueMetrics.QueueSize.WithLabels(state.ToString().ToLowerInvariant()).Set(queue.List(state).Count);
    }
}
