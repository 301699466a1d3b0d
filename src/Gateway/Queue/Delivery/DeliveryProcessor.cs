using System.Diagnostics;
using MailFilter.Gateway.Verdicts;
using MimeKit;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// One delivery attempt of one active entry: route each pending recipient, send, record each result, then
/// finish the entry (all done), bounce what failed for good, or defer it by the retry schedule.
/// Runs under the entry's lock (taken by <see cref="DeliveryService"/>); the result is applied by the <see cref="QueueOwner"/>.
/// </summary>
public sealed class DeliveryProcessor(
    MessageQueue queue,
    IMessageTransport transport,
    RouteResolver routes,
    DeliveryScheduler scheduler,
    QueueOwner owner,
    IQueueArchive archive,
    IOptions<QueueOptions> queueOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider time,
    ILogger<DeliveryProcessor> logger)
{
    public async Task ProcessAsync(string id, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["QueueId"] = id });
        if (!File.Exists(queue.EntryPath(QueueState.Active, id)))
        {
            logger.LogInformation("{QueueId}: no longer active (held or deleted by an operator)", id);
            return;
        }
        QueueEntry entry;
        try
        {
            entry = queue.Read(QueueState.Active, id);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            var name = queue.MoveToCorrupt(QueueState.Active, id);
            logger.LogError("{QueueId}: unreadable entry moved to corrupt/{Name}: {Error}", id, name, exception.Message);
            return;
        }
        var envelope = entry.Envelope;
        var verdict = envelope.Verdict ?? Verdict.Pass;

        using var session = logger.BeginScope(new Dictionary<string, object> { ["SessionId"] = envelope.Client.SessionId });
        var started = Stopwatch.GetTimestamp();
        var hostName = deliveryOptions.Value.EffectiveHostName;
        var message = OutgoingMessage.Create(envelope, verdict, entry.Message, hostName, deliveryOptions.Value.TagSubjectPrefix);
        envelope.Attempts++;
        var newlyFailed = new List<QueueRecipient>();
        var relays = new HashSet<string>();
        foreach (var group in envelope.Pending.ToList().GroupBy(recipient => routes.Resolve(recipient.Address)))
        {
            relays.Add(group.Key.ToString());
            var recipients = group.ToDictionary(recipient => recipient.Address, StringComparer.OrdinalIgnoreCase);
            IReadOnlyList<RecipientResult> results;
            try
            {
                results = await transport.SendAsync(message, group.Key, recipients.Keys.ToList(), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Fail closed: an internal fault defers the recipients; it never drops or passes them.
                logger.LogError(exception, "{QueueId}: delivery via {Route} failed internally", id, group.Key);
                results = RecipientResult.ForAll(recipients.Keys, RecipientOutcome.Transient, $"451 4.3.0 Internal error: {exception.Message.ReplaceLineEndings(" ")}");
            }
            foreach (var result in results)
            {
                if (!recipients.TryGetValue(result.Address, out var recipient))
                    continue;
                Record(recipient, result);
                if (recipient.Status == RecipientStatus.Failed)
                    newlyFailed.Add(recipient);
            }
        }

        var now = time.GetUtcNow();
        var pending = envelope.Pending.ToList();
        if (pending.Count > 0 && now - envelope.ArrivedAt >= queueOptions.Value.MaxLifetime)
        {
            foreach (var recipient in pending)
            {
                recipient.Status = RecipientStatus.Failed;
                recipient.LastReply = $"451 4.4.7 Message expired after {queueOptions.Value.MaxLifetime}; last reply: {recipient.LastReply}";
                recipient.UpdatedAt = now;
                newlyFailed.Add(recipient);
            }
            pending.Clear();
        }

        foreach (var recipient in newlyFailed)
            recipient.BounceOwed = true;
        QueueMetrics.Deliveries.WithLabels("bounced").Inc(newlyFailed.Count);
        var owed = envelope.Recipients.Where(recipient => recipient.BounceOwed).ToList();
        if (owed.Count > 0)
        {
            try
            {
                await BounceAsync(envelope, entry.Message, owed, hostName, now, cancellationToken);
                foreach (var recipient in owed)
                    recipient.BounceOwed = false;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The notification is owed, never dropped: the entry waits and the next attempt queues it again (the
                // recipients already delivered or failed are not sent to again).
                logger.LogError(exception, "{QueueId}: could not queue the non-delivery notification to <{Sender}> for {Recipients}; it is retried with the entry",
                    id, envelope.Sender, string.Join(",", owed.Select(r => r.Address)));
            }
        }

        var delivered = envelope.Recipients.Count(recipient => recipient.Status == RecipientStatus.Delivered);
        var lastReply = envelope.Recipients.LastOrDefault(recipient => recipient.LastReply is not null)?.LastReply ?? "";
        var bounceOwed = envelope.Recipients.Any(recipient => recipient.BounceOwed);
        if (pending.Count == 0 && !bounceOwed)
        {
            owner.Finish(envelope, newlyFailed.Count == 0 ? "delivered" : "bounced");
            LogSummary(envelope, verdict, newlyFailed.Count == 0 ? "delivered" : "bounced", delivered, relays, started, lastReply);
            return;
        }

        envelope.NextAttemptAt = now + queueOptions.Value.RetryDelay(envelope.Attempts);
        envelope.LastError = pending.Count > 0 ? pending[0].LastReply : "the sender's non-delivery notification could not be queued yet";
        owner.Defer(envelope);
        QueueMetrics.Deliveries.WithLabels("deferred").Inc(pending.Count);
        LogSummary(envelope, verdict, "deferred", delivered, relays, started, envelope.LastError ?? "");
    }

    void Record(QueueRecipient recipient, RecipientResult result)
    {
        recipient.LastReply = result.Reply;
        recipient.RemoteHost = result.RemoteHost;
        recipient.UpdatedAt = time.GetUtcNow();
        recipient.Status = result.Outcome switch
        {
            RecipientOutcome.Delivered => RecipientStatus.Delivered,
            RecipientOutcome.Permanent => RecipientStatus.Failed,
            _ => RecipientStatus.Pending,
        };
        if (recipient.Status == RecipientStatus.Delivered)
            QueueMetrics.Deliveries.WithLabels("delivered").Inc();
    }

    async Task BounceAsync(QueueEnvelope envelope, StoredMessage stored, List<QueueRecipient> failed, string hostName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (envelope.Sender.Length == 0 || envelope.IsBounce)
        {
            // RFC 5321 §4.5.5: never bounce a message with the null reverse-path; the log is the only trace.
            logger.LogWarning("{QueueId}: undeliverable notification discarded: {Recipients}: {Reply}",
                envelope.Id, string.Join(",", failed.Select(r => r.Address)), failed[0].LastReply);
            return;
        }
        HeaderList headers;
        await using (var stream = stored.Open())
            headers = await HeaderList.LoadAsync(ParserOptions.Default, stream, cancellationToken);
        using var bounce = BounceBuilder.Build(envelope, failed, hostName, headers, now);
        using var bytes = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        await bounce.WriteToAsync(format, bytes, cancellationToken);
        var bounceId = await queue.EnqueueAsync(newId => new QueueEnvelope
        {
            Id = newId,
            ArrivedAt = now,
            Client = new QueueClient { Address = "127.0.0.1", Helo = hostName, SessionId = "bounce:" + envelope.Id },
            Sender = "",
            Recipients = [new QueueRecipient { Address = envelope.Sender }],
            Direction = envelope.Direction,
            Body = "8bitmime",
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.GetBuffer().AsSpan(0, (int)bytes.Length))),
            MessageId = bounce.MessageId,
            Subject = bounce.Subject,
            IsBounce = true,
        }, bytes.GetBuffer().AsMemory(0, (int)bytes.Length), Verdict.Pass with { Reason = "delivery status notification", RulesVersion = "gateway" }, cancellationToken);
        scheduler.Schedule(bounceId);
        // The gateway's own notifications are archived like any accepted message.
        archive.Committed(bounceId);
        QueueMetrics.BouncesSent.Inc();
        logger.LogInformation("{QueueId}: sender non-delivery notification: {BounceId} to=<{Sender}>", envelope.Id, bounceId, envelope.Sender);
    }

    void LogSummary(QueueEnvelope envelope, Verdict verdict, string outcome, int delivered, IEnumerable<string> relays, long started, string reply) =>
        logger.LogInformation(
            "{QueueId}: {Outcome} client={ClientHelo}[{ClientAddress}] message-id=<{MessageId}> from=<{Sender}> rcpts={Delivered}/{RecipientCount} size={SizeBytes} verdict={Categories} action={Action} relay={Relay} delay={DelaySeconds:0.000} attempt={AttemptSeconds:0.000} attempts={Attempts} reply={Reply}",
            envelope.Id, outcome, envelope.Client.Helo, envelope.Client.Address, envelope.MessageId, envelope.Sender, delivered, envelope.Recipients.Count, envelope.SizeBytes,
            verdict.CategoryList, verdict.Action, string.Join(",", relays), (time.GetUtcNow() - envelope.ArrivedAt).TotalSeconds,
            Stopwatch.GetElapsedTime(started).TotalSeconds, envelope.Attempts, reply);
}
