using System.Collections.Concurrent;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Sqlite;
using MailFilter.Gateway.Smtp;
using MailFilter.Gateway.Tests.Smtp;
using Xunit.Abstractions;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>
/// DESIGN.md decision 2 and issue 12: a kill -9 during a 20-client load, then a restart — every message that got a 250
/// reaches the next hop and is in the archive exactly once.
/// </summary>
public class ArchiveKillNineTests(ITestOutputHelper output) : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Every_message_acknowledged_before_a_kill_9_is_archived_exactly_once_and_delivered_after_restart()
    {
        var killed = false;
        // Before the kill the next hop is slow and refuses some messages for now, so that the kill finds entries in every
        // state — incoming, active, deferred, done — some archived and some not; after it, it takes everything.
        var sink = new RecordingReceiver
        {
            Reply = message =>
            {
                if (Volatile.Read(ref killed))
                    return SmtpReply.Ok("Ok");
                Thread.Sleep(10);
                return message.Content.Sum(b => b) % 4 == 0 ? new SmtpReply(451, "4.3.0", "Try later") : SmtpReply.Ok("Ok");
            },
        };
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        var nextHopAddress = $"127.0.0.1:{nextHop.EndPoint.Port}";
        var port = GatewayProcess.FreePort();
        var acknowledged = new ConcurrentBag<string>();
        const int clients = 20, acknowledgedBeforeKill = 200;

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
                        var id = $"archive-crash-{c}-{m}";
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
        var left = new[] { "incoming", "active", "deferred", "done" }.ToDictionary(state => state, state => Directory.GetFileSystemEntries(Path.Combine(temp.Path, "queue", state)).Length);
        using var database = new SqliteArchiveDatabase(Path.Combine(temp.Path, "archive", "records.db"));
        var records = new SqliteRecordStore(database, TimeProvider.System);
        var archivedBeforeRestart = await records.CountAsync(CancellationToken.None);
        output.WriteLine($"{promised.Count} acknowledged before the kill; {archivedBeforeRestart} archived; left on disk: {string.Join(", ", left)}");

        await using var restarted = await GatewayProcess.StartAsync(temp.Path, port, nextHopAddress);

        var delivered = await Eventually.TrueAsync(() => promised.IsSubsetOf(sink.Messages.Select(m => TestMessages.MessageIdOf(m.Content)!)), TimeSpan.FromMinutes(3));
        delivered.Should().BeTrue($"missing at the next hop: {string.Join(", ", promised.Except(sink.Messages.Select(m => TestMessages.MessageIdOf(m.Content)!)).Take(10))}\n{string.Join("\n", restarted.Output.TakeLast(30))}");
        var drained = await Eventually.TrueAsync(() => new[] { "active", "deferred", "done" }.All(state => !Directory.EnumerateFileSystemEntries(Path.Combine(temp.Path, "queue", state)).Any()), TimeSpan.FromMinutes(3));
        drained.Should().BeTrue("every delivered entry leaves the queue once archived\n" + string.Join("\n", restarted.Output.TakeLast(30)));

        var unrecorded = 0;
        foreach (var messageId in promised)
        {
            var hits = (await records.SearchAsync(new ArchiveQuery { MessageId = messageId }, CancellationToken.None)).Hits;
            hits.Should().ContainSingle($"{messageId} got a 250, so it is in the archive exactly once");
            var record = (await records.GetAsync(hits[0].Id, CancellationToken.None))!;
            record.Deliveries.Should().Contain(d => d.Recipient == "bob@example.org" && (d.Outcome == "delivered" || d.Outcome == "unrecorded"),
                $"{messageId} was delivered; its outcome is recorded, or said to be not recorded when the kill came between the attempt and the archive");
            if (!record.Deliveries.Any(d => d.Outcome == "delivered"))
                unrecorded++;
        }
        output.WriteLine($"after restart: {await records.CountAsync(CancellationToken.None)} records for {promised.Count} acknowledged messages; {unrecorded} with the outcome not recorded; {sink.Messages.Count} arrivals at the next hop");
    }
}
