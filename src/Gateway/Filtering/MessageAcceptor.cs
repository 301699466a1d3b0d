using System.Diagnostics;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using MailFilter.Gateway.Smtp;
using MimeKit;

namespace MailFilter.Gateway.Filtering;

/// <summary>
/// End of data: make the spool durable, parse it, ask the policy for a verdict under the deadline, then reject,
/// hold or queue — and only when the entry is committed, reply 250. Every other path is a 4xx or a 5xx.
/// </summary>
public sealed class MessageAcceptor(
    MessageQueue queue,
    IMessagePolicy policy,
    DirectionClassifier directions,
    DeliveryScheduler scheduler,
    IOptions<FilteringOptions> options,
    TimeProvider time,
    ILogger<MessageAcceptor> logger)
{
    readonly ParserOptions parserOptions = CreateParserOptions(options.Value);

    public async Task<SmtpReply> AcceptAsync(IncomingEntry entry, SmtpEnvelope envelope, long sizeBytes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["QueueId"] = entry.Id, ["SessionId"] = envelope.SessionId });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Deadline);
        var committed = false;
        try
        {
            await entry.Message.FlushAsync(deadline.Token);
            var direction = directions.Classify(envelope);
            var spoolPath = entry.Path;
            Verdict verdict;
            string? messageId, subject;
            await using (var spool = new FileStream(spoolPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous))
            {
                var stage = Stopwatch.GetTimestamp();
                using var message = await new MimeParser(parserOptions, spool, persistent: true).ParseMessageAsync(deadline.Token);
                messageId = message.MessageId;
                subject = message.Subject;
                stage = ObserveStage("parse", stage);
                verdict = await policy.EvaluateAsync(new MessageUnderReview(entry.Id, envelope, message, spoolPath, sizeBytes, direction), deadline.Token);
                ObserveStage("policy", stage);
            }
            // A verdict that arrives after the deadline is still a tempfail: the deadline is the promise to the client.
            deadline.Token.ThrowIfCancellationRequested();

            if (verdict.Action == VerdictAction.Reject)
            {
                LogOutcome("rejected", entry.Id, envelope, sizeBytes, verdict, started);
                QueueMetrics.Received.WithLabels("rejected").Inc();
                return new SmtpReply(550, "5.7.1", RejectText(verdict));
            }

            var target = verdict.Action == VerdictAction.Quarantine ? QueueState.Hold : QueueState.Active;
            var queueEnvelope = CreateEnvelope(entry.Id, envelope, sizeBytes, direction, messageId, subject);
            var commitStarted = Stopwatch.GetTimestamp();
            await queue.CommitAsync(entry, queueEnvelope, verdict, target);
            committed = true;
            ObserveStage("commit", commitStarted);
            if (target == QueueState.Active)
                scheduler.Schedule(entry.Id);
            LogOutcome(target == QueueState.Hold ? "held" : "queued", entry.Id, envelope, sizeBytes, verdict, started);
            QueueMetrics.Received.WithLabels(target == QueueState.Hold ? "held" : "queued").Inc();
            return SmtpReply.Ok($"Ok: queued as {entry.Id}");
        }
        catch (FormatException exception)
        {
            // Not an internal fault but input no parser can read: a tempfail would only make the client retry it forever.
            logger.LogInformation("{QueueId}: rejected: message headers cannot be parsed: {Error}", entry.Id, exception.Message);
            QueueMetrics.Received.WithLabels("rejected").Inc();
            return new SmtpReply(550, "5.6.0", "Message headers cannot be parsed");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("{QueueId}: tempfail: filtering did not finish within {Deadline}", entry.Id, options.Value.Deadline);
            QueueMetrics.Received.WithLabels("tempfailed").Inc();
            return SmtpReply.LocalError("Filtering timed out, try again later");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "{QueueId}: tempfail: message could not be judged or made durable", entry.Id);
            QueueMetrics.Received.WithLabels("tempfailed").Inc();
            return SmtpReply.LocalError();
        }
        finally
        {
            if (!committed)
                Abort(entry, envelope);
            QueueMetrics.EndOfDataToReply.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    static long ObserveStage(string stage, long started)
    {
        QueueMetrics.EndOfDataStage.WithLabels(stage).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return Stopwatch.GetTimestamp();
    }

    /// <summary>The transaction ended without a committed entry: remove every byte of it.</summary>
    public void Abort(IncomingEntry entry, SmtpEnvelope envelope)
    {
        try
        {
            queue.Discard(entry);
        }
        catch (Exception exception)
        {
            // The next start removes incoming leftovers; nothing of this entry was acknowledged.
            logger.LogWarning(exception, "{QueueId}: could not remove aborted incoming entry (session {SessionId})", entry.Id, envelope.SessionId);
        }
    }

    QueueEnvelope CreateEnvelope(string id, SmtpEnvelope envelope, long sizeBytes, MessageDirection direction, string? messageId, string? subject) => new()
    {
        Id = id,
        ArrivedAt = time.GetUtcNow(),
        Client = new QueueClient
        {
            Address = envelope.RemoteEndPoint.Address.ToString(),
            Helo = envelope.HeloName,
            Tls = envelope.IsTls,
            AuthenticatedUser = envelope.AuthenticatedUser,
            SessionId = envelope.SessionId,
        },
        Sender = envelope.ReversePath,
        Recipients = envelope.Recipients.Select(address => new QueueRecipient { Address = address }).ToList(),
        Direction = direction.ToString().ToLowerInvariant(),
        Body = envelope.Body switch
        {
            SmtpBodyType.EightBitMime => "8bitmime",
            SmtpBodyType.BinaryMime => "binarymime",
            _ => "7bit",
        },
        SmtpUtf8 = envelope.SmtpUtf8,
        SizeBytes = sizeBytes,
        MessageId = messageId,
        Subject = subject,
    };

    /// <summary>Held and rejected messages get their one summary line here; queued ones get theirs when delivered.</summary>
    void LogOutcome(string outcome, string id, SmtpEnvelope envelope, long sizeBytes, Verdict verdict, long started) =>
        logger.Log(outcome == "queued" ? LogLevel.Debug : LogLevel.Information,
            "{QueueId}: {Outcome} client={ClientHelo}[{ClientAddress}] from=<{Sender}> rcpts={RecipientCount} size={SizeBytes} verdict={Categories} action={Action} reason={Reason} delay={DelaySeconds:0.000}",
            id, outcome, envelope.HeloName, envelope.RemoteEndPoint.Address, envelope.ReversePath, envelope.Recipients.Count, sizeBytes,
            verdict.CategoryList, verdict.Action, verdict.Reason, Stopwatch.GetElapsedTime(started).TotalSeconds);

    static string RejectText(Verdict verdict)
    {
        var text = $"Message refused by policy: {verdict.CategoryList}";
        if (!string.IsNullOrWhiteSpace(verdict.PolicyReference))
            text += $" ({verdict.PolicyReference})";
        // A reply line is one line of printable ASCII: a policy text with control characters must not split it.
        return new string(text.Select(c => c is < ' ' or > '~' ? ' ' : c).ToArray());
    }

    static ParserOptions CreateParserOptions(FilteringOptions options)
    {
        var parser = ParserOptions.Default.Clone();
        parser.MaxMimeDepth = options.MaxMimeDepth;
        parser.MaxAddressGroupDepth = options.MaxAddressGroupDepth;
        return parser;
    }
}
