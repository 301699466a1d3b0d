using System.Diagnostics;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Smtp;
using MailFilter.Gateway.Verdicts;
using MailFilter.Rules.Facts;

namespace MailFilter.Gateway.Filtering;

/// <summary>
/// End of data: make the spool durable, parse it, ask the judge for a verdict under the deadline, then reject, or
/// commit the entry to the journal (held or active) — and only when it is committed, reply 250. Every other path is a
/// 4xx or a 5xx.
/// </summary>
public sealed class MessageAcceptor(
    MessageQueue queue,
    MessageParser parser,
    IMessageJudge judge,
    IMessageJournal journal,
    IOptions<FilteringOptions> options,
    TimeProvider time,
    ILogger<MessageAcceptor> logger)
{
    /// <param name="sha256">The SHA-256 of the bytes received, computed while they were spooled.</param>
    public async Task<SmtpReply> AcceptAsync(IncomingEntry entry, SmtpEnvelope envelope, long sizeBytes, string sha256, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["QueueId"] = entry.Id, ["SessionId"] = envelope.SessionId });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Deadline);
        var committed = false;
        try
        {
            await entry.Message.FlushAsync(deadline.Token);
            Verdict verdict;
            string? messageId, subject;
            await using (var spool = new FileStream(entry.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous))
            {
                var stage = Stopwatch.GetTimestamp();
                using var message = await parser.ParseAsync(spool, deadline.Token);
                messageId = message.MessageId;
                subject = message.Subject;
                stage = ObserveStage("parse", stage);
                verdict = await judge.JudgeAsync(message, JudgedEnvelope(envelope), sizeBytes, deadline.Token);
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

            var queueEnvelope = CreateEnvelope(entry.Id, envelope, sizeBytes, sha256, verdict, messageId, subject);
            var commitStarted = Stopwatch.GetTimestamp();
            var state = await journal.CommitAsync(entry, queueEnvelope, cancellationToken);
            committed = true;
            ObserveStage("commit", commitStarted);
            var outcome = state == QueueState.Hold ? "held" : "queued";
            LogOutcome(outcome, entry.Id, envelope, sizeBytes, verdict, started);
            QueueMetrics.Received.WithLabels(outcome).Inc();
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

    /// <summary>Refuses a message before it is parsed (a limit the stream already broke): nothing is kept, the refusal is logged and counted.</summary>
    public SmtpReply Refuse(IncomingEntry entry, SmtpEnvelope envelope, SmtpReply reply)
    {
        Abort(entry, envelope);
        logger.LogInformation("{QueueId}: rejected client={ClientHelo}[{ClientAddress}] from=<{Sender}> reply={Reply}",
            entry.Id, envelope.HeloName, envelope.RemoteEndPoint.Address, envelope.ReversePath, reply.ToString());
        QueueMetrics.Received.WithLabels("rejected").Inc();
        return reply;
    }

    /// <summary>What the judge is told of the transaction: the envelope and the client, exactly as <c>scan --client-ip</c> tells it.</summary>
    public static MessageEnvelope JudgedEnvelope(SmtpEnvelope envelope) => new(
        envelope.ReversePath,
        envelope.Recipients,
        new ClientFacts(envelope.RemoteEndPoint.Address.ToString(), envelope.HeloName, envelope.AuthenticatedUser, envelope.IsTrustedClient));

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

    QueueEnvelope CreateEnvelope(string id, SmtpEnvelope envelope, long sizeBytes, string sha256, Verdict verdict, string? messageId, string? subject) => new()
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
        Direction = verdict.Direction,
        Body = envelope.Body switch
        {
            SmtpBodyType.EightBitMime => "8bitmime",
            SmtpBodyType.BinaryMime => "binarymime",
            _ => "7bit",
        },
        SmtpUtf8 = envelope.SmtpUtf8,
        SizeBytes = sizeBytes,
        Sha256 = sha256,
        MessageId = messageId,
        Subject = subject,
        Verdict = verdict,
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
}
