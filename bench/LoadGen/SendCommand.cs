using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace MailFilter.Bench.LoadGen;

/// <summary>
/// <c>loadgen send</c>: N concurrent SMTP sessions send M messages in all, several per session, with the
/// MAIL/RCPT/DATA commands pipelined when the server offers PIPELINING. Times each message from the
/// moment its CRLF "." CRLF has been handed to the socket to the moment its reply has been read.
/// </summary>
public sealed class SendCommand
{
    public const string Usage =
        "send --target HOST:PORT [--concurrency 20] [--messages 5000] [--warmup 200] [--size 5k | --eml-dir DIR]\n" +
        "     [--per-session 10] [--no-pipelining] [--from ADDR] [--rcpt ADDR] [--source-ips N] [--label NAME]\n" +
        "     [--manifest FILE] [--json FILE] [--timeout-seconds 300]";

    string _host = "";
    int _port;
    int _concurrency;
    int _perSession;
    bool _pipelining;
    string _from = "";
    string _rcpt = "";
    int _sourceIps;
    MessageSource _source = null!;
    TimeSpan _replyTimeout;

    public static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var command = new SendCommand();
        (command._host, command._port) = Arguments.ParseEndpoint(args.RequiredString("target"));
        command._concurrency = args.Int("concurrency", 20);
        var messages = args.Int("messages", 5000);
        var warmup = args.Int("warmup", 0);
        command._perSession = Math.Max(1, args.Int("per-session", 10));
        command._pipelining = !args.Flag("no-pipelining");
        command._from = args.String("from", "bench-sender@bench.mailfilter.test");
        command._rcpt = args.String("rcpt", "bench-rcpt@example.net");
        command._sourceIps = args.Int("source-ips", 1);
        command._replyTimeout = TimeSpan.FromSeconds(args.Int("reply-timeout-seconds", 120));
        var label = args.String("label", "run");
        var manifestPath = args.String("manifest");
        var jsonPath = args.String("json");
        var runTimeout = TimeSpan.FromSeconds(args.Int("timeout-seconds", 300));
        var runId = args.String("run-id") ?? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
        command._source = new MessageSource(runId, command._from, command._rcpt, args.Long("size", 5 * 1024), args.String("eml-dir"));
        args.RejectUnknown();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(runTimeout);

        long sequence = 0;
        long warmupAccepted = 0;
        var warmupElapsed = TimeSpan.Zero;
        // Warm-up messages are real messages too: the manifest lists them, so the verifier expects them.
        var accepted = manifestPath is null ? null : new ConcurrentQueue<string>();
        if (warmup > 0)
        {
            var warm = new RunStatistics();
            var warmElapsed = warmupElapsed = await command.RunPhaseAsync(warmup, () => Interlocked.Increment(ref sequence), warm, accepted, deadline.Token);
            Console.WriteLine(RunStatistics.Summary(warm.ToJson(label + "-warmup", warmElapsed)));
            warmupAccepted = warm.Accepted;
        }

        var statistics = new RunStatistics();
        var elapsed = await command.RunPhaseAsync(messages, () => Interlocked.Increment(ref sequence), statistics, accepted, deadline.Token);
        var result = statistics.ToJson(label, elapsed);
        result["target"] = $"{command._host}:{command._port}";
        result["concurrency"] = command._concurrency;
        result["messages"] = messages;
        result["warmup"] = warmup;
        result["warmupAccepted2xx"] = warmupAccepted;
        result["warmupElapsedSeconds"] = Math.Round(warmupElapsed.TotalSeconds, 3);
        result["perSession"] = command._perSession;
        result["pipelining"] = command._pipelining;
        result["runId"] = runId;
        Console.WriteLine(RunStatistics.Summary(result));

        if (jsonPath is not null) await File.WriteAllTextAsync(jsonPath, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
        if (manifestPath is not null && accepted is not null) await File.AppendAllLinesAsync(manifestPath, accepted, cancellationToken);
        return deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested ? 3 : 0;
    }

    async Task<TimeSpan> RunPhaseAsync(int messages, Func<long> nextSequence, RunStatistics statistics, ConcurrentQueue<string>? accepted, CancellationToken cancellationToken)
    {
        var remaining = messages;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, _concurrency)
            .Select(worker => Task.Run(() => WorkerAsync(worker, () => Interlocked.Decrement(ref remaining) >= 0, nextSequence, statistics, accepted, cancellationToken), cancellationToken))
            .ToArray();
        await Task.WhenAll(workers);
        return stopwatch.Elapsed;
    }

    async Task WorkerAsync(int worker, Func<bool> takeOne, Func<long> nextSequence, RunStatistics statistics, ConcurrentQueue<string>? accepted, CancellationToken cancellationToken)
    {
        SmtpConnection? connection = null;
        var sentOnSession = 0;
        var sessionNumber = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested && takeOne())
            {
                var message = _source.Create(nextSequence());
                if (connection is null)
                {
                    try
                    {
                        var source = _sourceIps > 1 ? IPAddress.Parse($"127.0.0.{1 + (worker + sessionNumber * _concurrency) % _sourceIps}") : null;
                        sessionNumber++;
                        connection = await SmtpConnection.OpenAsync(_host, _port, source, $"loadgen-{worker}.bench.mailfilter.test", _replyTimeout, cancellationToken);
                        statistics.RecordSession();
                        sentOnSession = 0;
                    }
                    catch (Exception e) when (e is IOException or SocketException or SmtpBenchException or OperationCanceledException)
                    {
                        statistics.RecordConnectionError();
                        Console.Error.WriteLine($"worker {worker}: connect: {e.Message}");
                        await Task.Delay(100, cancellationToken);
                        continue;
                    }
                }

                var keep = await SendOneAsync(connection, message, statistics, accepted, cancellationToken);
                if (!keep || ++sentOnSession >= _perSession)
                {
                    if (keep) await connection.QuitAsync(cancellationToken);
                    await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"worker {worker}: run timed out");
        }
        finally
        {
            if (connection is not null)
            {
                await connection.QuitAsync(CancellationToken.None);
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>One transaction. Returns whether the connection can carry the next one.</summary>
    async Task<bool> SendOneAsync(SmtpConnection connection, OutgoingMessage message, RunStatistics statistics, ConcurrentQueue<string>? accepted, CancellationToken cancellationToken)
    {
        var endOfDataSent = false;
        try
        {
            var mail = $"MAIL FROM:<{_from}>\r\n";
            var rcpt = $"RCPT TO:<{_rcpt}>\r\n";
            SmtpReply mailReply, rcptReply, dataReply;
            if (_pipelining && connection.Extensions.Contains("PIPELINING"))
            {
                // RFC 2920: DATA may end a pipelined group; its 354 is the last of the three replies.
                await connection.SendAsync(Encoding.ASCII.GetBytes(mail + rcpt + "DATA\r\n"), cancellationToken);
                mailReply = await connection.ReadReplyAsync(cancellationToken);
                rcptReply = await connection.ReadReplyAsync(cancellationToken);
                dataReply = await connection.ReadReplyAsync(cancellationToken);
                if (dataReply.Code == 354 && (mailReply.Class != 2 || rcptReply.Class != 2))
                {
                    // A server must not open DATA without a recipient; if it does, close it empty.
                    await connection.SendAsync(".\r\n", cancellationToken);
                    await connection.ReadReplyAsync(cancellationToken);
                }
            }
            else
            {
                await connection.SendAsync(mail, cancellationToken);
                mailReply = await connection.ReadReplyAsync(cancellationToken);
                if (mailReply.Class != 2) return await RefusedAsync(connection, mailReply, statistics, cancellationToken);
                await connection.SendAsync(rcpt, cancellationToken);
                rcptReply = await connection.ReadReplyAsync(cancellationToken);
                if (rcptReply.Class != 2) return await RefusedAsync(connection, rcptReply, statistics, cancellationToken);
                await connection.SendAsync("DATA\r\n", cancellationToken);
                dataReply = await connection.ReadReplyAsync(cancellationToken);
            }

            if (mailReply.Class != 2) return await RefusedAsync(connection, mailReply, statistics, cancellationToken);
            if (rcptReply.Class != 2) return await RefusedAsync(connection, rcptReply, statistics, cancellationToken);
            if (dataReply.Code != 354) return await RefusedAsync(connection, dataReply, statistics, cancellationToken);

            await connection.SendAsync(message.WireParts, cancellationToken);
            var sentAt = Stopwatch.GetTimestamp();
            endOfDataSent = true;
            var reply = await connection.ReadReplyAsync(cancellationToken);
            statistics.RecordEndOfData(reply, Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
            if (reply.Class == 2) accepted?.Enqueue(message.ManifestLine());
            else if (reply.Class == 5) Console.Error.WriteLine($"{message.Id}: {reply.Code} {reply.LastLine}");
            return reply.Code != 421;
        }
        catch (Exception e) when (e is IOException or SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (endOfDataSent)
            {
                // The server may have made it durable before the connection broke: it may arrive, or not.
                statistics.RecordUnknown();
                accepted?.Enqueue(message.ManifestLine() + "\tmaybe");
            }
            else statistics.RecordConnectionError();
            Console.Error.WriteLine($"{message.Id}: {(endOfDataSent ? "after end of DATA" : "before end of DATA")}: {e.Message}");
            return false;
        }
    }

    static async Task<bool> RefusedAsync(SmtpConnection connection, SmtpReply reply, RunStatistics statistics, CancellationToken cancellationToken)
    {
        statistics.RecordReply(reply);
        if (reply.Code == 421) return false;
        // Every command sent so far has had its reply (a pipelined DATA after a refused RCPT gets its
        // 503/554 too), so client and server are in step for RSET.
        await connection.SendAsync("RSET\r\n", cancellationToken);
        var rset = await connection.ReadReplyAsync(cancellationToken);
        return rset.Class == 2;
    }
}
