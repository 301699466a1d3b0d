using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MailFilter.Bench.LoadGen;

/// <summary>
/// <c>loadgen idle</c>: opens K sessions (greeting, EHLO) and holds them idle, for the server's memory
/// with many open connections. Writes the ready file once all are open, and ends when the stop file
/// appears or the hold time is over, whichever is first.
/// </summary>
public static class IdleCommand
{
    public const string Usage =
        "idle --target HOST:PORT [--connections 200] [--source-ips N] [--hold-seconds 60] [--ready-file F] [--stop-file F]";

    public static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var (host, port) = Arguments.ParseEndpoint(args.RequiredString("target"));
        var count = args.Int("connections", 200);
        var sourceIps = args.Int("source-ips", 1);
        var hold = TimeSpan.FromSeconds(args.Int("hold-seconds", 60));
        var readyFile = args.String("ready-file");
        var stopFile = args.String("stop-file");
        args.RejectUnknown();

        var connections = new List<SmtpConnection>(count);
        var failures = 0;
        try
        {
            // Ten at a time: a burst of 200 SYNs would measure the listen backlog, not idle sessions.
            for (var first = 0; first < count; first += 10)
            {
                var batch = Enumerable.Range(first, Math.Min(10, count - first)).Select(async i =>
                {
                    var source = sourceIps > 1 ? IPAddress.Parse($"127.0.0.{1 + i % sourceIps}") : null;
                    try
                    {
                        return await SmtpConnection.OpenAsync(host, port, source, $"idle-{i}.bench.mailfilter.test", TimeSpan.FromSeconds(30), cancellationToken);
                    }
                    catch (Exception e) when (e is IOException or SocketException or SmtpBenchException or OperationCanceledException)
                    {
                        Console.Error.WriteLine($"idle connection {i}: {e.Message}");
                        return null;
                    }
                });
                foreach (var connection in await Task.WhenAll(batch))
                {
                    if (connection is null) failures++;
                    else connections.Add(connection);
                }
            }

            var summary = $"IDLE open={connections.Count} failed={failures}";
            Console.WriteLine(summary);
            if (readyFile is not null) await File.WriteAllTextAsync(readyFile, summary + "\n", cancellationToken);

            var held = Stopwatch.StartNew();
            while (held.Elapsed < hold && (stopFile is null || !File.Exists(stopFile)))
                await Task.Delay(100, cancellationToken);

            // Still open? A server that dropped idle sessions early would show here as a failed QUIT.
            var alive = 0;
            await Task.WhenAll(connections.Select(async c =>
            {
                try
                {
                    await c.SendAsync("NOOP\r\n", cancellationToken);
                    if ((await c.ReadReplyAsync(cancellationToken)).Class == 2) Interlocked.Increment(ref alive);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                    // Counted as not alive.
                }
            }));
            Console.WriteLine($"IDLE held={held.Elapsed.TotalSeconds:F1}s alive={alive}");
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            await Task.WhenAll(connections.Select(async c =>
            {
                await c.QuitAsync(CancellationToken.None);
                await c.DisposeAsync();
            }));
        }
    }
}
