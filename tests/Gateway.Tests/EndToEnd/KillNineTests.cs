using System.Collections.Concurrent;
using MailFilter.Gateway.Smtp;
using MailFilter.Gateway.Tests.Smtp;
using Xunit.Abstractions;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>DESIGN.md decision 2: a kill -9 at any moment loses no message that was answered with 250.</summary>
public class KillNineTests(ITestOutputHelper output) : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Every_message_acknowledged_before_a_kill_9_reaches_the_next_hop_after_restart()
    {
        var killed = false;
        // Before the kill the next hop is slow and refuses a third of the messages for now, so that the kill finds
        // entries in incoming, active and deferred alike; after it, it takes everything.
        var sink = new RecordingReceiver
        {
            Reply = message =>
            {
                if (Volatile.Read(ref killed))
                    return SmtpReply.Ok("Ok");
                Thread.Sleep(20);
                return message.Content.Sum(b => b) % 3 == 0 ? new SmtpReply(451, "4.3.0", "Try later") : SmtpReply.Ok("Ok");
            },
        };
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        var nextHopAddress = $"127.0.0.1:{nextHop.EndPoint.Port}";
        var port = GatewayProcess.FreePort();
        var acknowledged = new ConcurrentBag<string>();
        const int clients = 10, acknowledgedBeforeKill = 150;

        await using (var gateway = await GatewayProcess.StartAsync(temp.Path, port, nextHopAddress))
        {
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                try
                {
                    using var client = await TestMessages.ConnectAsync(gateway.EndPoint, stop.Token);
                    for (var m = 0; !stop.IsCancellationRequested; m++)
                    {
                        var id = $"crash-{c}-{m}";
                        await client.SendAsync(TestMessages.Parse(TestMessages.Raw(id)));
                        acknowledged.Add($"{id}@example.com");
                    }
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // The kill cuts every session; a message without a 250 carries no promise.
                }
            })).ToList();

            (await Eventually.TrueAsync(() => acknowledged.Count >= acknowledgedBeforeKill)).Should().BeTrue(string.Join("\n", gateway.Output));
            gateway.Kill();
            Volatile.Write(ref killed, true);
            stop.Cancel();
            await Task.WhenAll(load);
        }
        var promised = acknowledged.ToHashSet();
        var deliveredBeforeRestart = sink.Messages.Count;
        var left = new[] { "incoming", "active", "deferred" }.ToDictionary(state => state, state => Directory.GetFileSystemEntries(Path.Combine(temp.Path, "queue", state)).Length);
        output.WriteLine($"{promised.Count} acknowledged before the kill; {deliveredBeforeRestart} had reached the next hop; left on disk: {string.Join(", ", left)}");

        await using var restarted = await GatewayProcess.StartAsync(temp.Path, port, nextHopAddress);

        var arrived = await Eventually.TrueAsync(() => promised.IsSubsetOf(sink.Messages.Select(m => TestMessages.MessageIdOf(m.Content)!)), TimeSpan.FromMinutes(3));
        var missing = promised.Except(sink.Messages.Select(m => TestMessages.MessageIdOf(m.Content)!)).ToList();
        arrived.Should().BeTrue($"missing {missing.Count}: {string.Join(", ", missing.Take(10))}\n{string.Join("\n", restarted.Output.TakeLast(30))}");
        output.WriteLine($"after restart {sink.Messages.Count} messages arrived ({sink.Messages.Count - promised.Count} duplicates or unacknowledged)");
    }
}
