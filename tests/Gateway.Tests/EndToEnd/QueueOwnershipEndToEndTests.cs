using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using MailFilter.Gateway.Queue.Requests;
using MailFilter.Gateway.Tests.Queue;
using MimeKit;
using Xunit.Abstractions;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>
/// One owner of the queue, over real sockets, real files and real processes: the running gateway applies every change
/// to an entry; the command line asks it through DATA/queue/requests, or applies the change itself when no gateway runs.
/// </summary>
public class QueueOwnershipEndToEndTests(ITestOutputHelper output) : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    string QueueRoot => Path.Combine(temp.Path, "queue");

    string EntryPath(QueueState state, string id) => Path.Combine(QueueRoot, state.ToString().ToLowerInvariant(), id);

    static async Task<string> SendAsync(System.Net.IPEndPoint gateway, string subject, params string[] recipients)
    {
        using var client = await TestMessages.ConnectAsync(gateway);
        var reply = await client.SendAsync(TestMessages.Parse(TestMessages.Raw(subject)), MailboxAddress.Parse("alice@example.com"), recipients.Select(MailboxAddress.Parse));
        await client.DisconnectAsync(quit: true);
        return reply.Split(' ').Last();
    }

    static string QueueIdOf(byte[] content)
    {
        var text = Encoding.Latin1.GetString(content);
        var start = text.IndexOf("X-MailFilter-Queue-Id: ", StringComparison.Ordinal) + "X-MailFilter-Queue-Id: ".Length;
        return text[start..text.IndexOf('\r', start)];
    }

    /// <summary>A next hop that refuses each "later" recipient for now at its first RCPT, so its entry is delivered in part and deferred.</summary>
    static ScriptedSmtpServer NextHopRefusingLaterOnce(Func<Task>? beforeAccepting = null)
    {
        var seen = new ConcurrentDictionary<string, int>();
        return new ScriptedSmtpServer
        {
            RcptReply = address => address.StartsWith("later", StringComparison.Ordinal) && seen.AddOrUpdate(address, 1, (_, n) => n + 1) == 1
                ? "451 4.2.1 Try again later"
                : "250 2.1.5 Ok",
            BeforeAcceptingMessage = beforeAccepting ?? (() => Task.CompletedTask),
        };
    }

    [Fact]
    public async Task Hold_release_delete_and_flush_racing_delivery_under_load_deliver_nothing_twice_lose_nothing_and_lose_no_envelope_update()
    {
        await using var nextHop = NextHopRefusingLaterOnce(() => Task.Delay(Random.Shared.Next(0, 15)));
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, new Dictionary<string, string?> { ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.Port}" });
        var queue = new MessageQueue(QueueRoot, new DurableFileSystem(), TimeProvider.System);
        var client = new QueueRequestClient(queue, new DurableFileSystem(), TimeProvider.System);
        const int senders = 5, perSender = 30, operators = 4, requestsPerOperator = 40;
        var sent = new ConcurrentDictionary<string, (string Now, string Later)>();
        var requests = new ConcurrentBag<(QueueOperation Operation, long Submitted, long Answered, QueueReply Reply)>();

        var sending = Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            using var smtp = await TestMessages.ConnectAsync(gateway.EndPoint);
            for (var m = 0; m < perSender; m++)
            {
                var (now, later) = ($"now-{s}-{m}@example.org", $"later-{s}-{m}@example.org");
                // One sender per message: the same sender's same text to this many recipients is mass mailing, held by policy.
                var reply = await smtp.SendAsync(TestMessages.Parse(TestMessages.Raw($"race-{s}-{m}")), MailboxAddress.Parse($"sender-{s}-{m}@example.com"),
                    [MailboxAddress.Parse(now), MailboxAddress.Parse(later)]);
                sent[reply.Split(' ').Last()] = (now, later);
            }
            await smtp.DisconnectAsync(quit: true);
        })));
        QueueOperation[] mix = [QueueOperation.Hold, QueueOperation.Hold, QueueOperation.Hold, QueueOperation.Release, QueueOperation.Release, QueueOperation.Release,
            QueueOperation.Flush, QueueOperation.Flush, QueueOperation.Delete];
        var operating = Task.WhenAll(Enumerable.Range(0, operators).Select(o => Task.Run(async () =>
        {
            var random = new Random(o);
            await Eventually.TrueAsync(() => !sent.IsEmpty);
            // Until every message is in and each operator has asked its share.
            for (var r = 0; r < requestsPerOperator || !sending.IsCompleted; r++)
            {
                await Task.Delay(random.Next(0, 25));
                // Mostly the newest entries: the ones under delivery or waiting for their retry.
                var known = sent.Keys.Order(StringComparer.Ordinal).ToList();
                if (random.Next(4) > 0)
                    known = known.TakeLast(20).ToList();
                var operation = mix[random.Next(mix.Length)];
                var ids = operation == QueueOperation.Flush && random.Next(3) == 0
                    ? []
                    : Enumerable.Range(0, random.Next(1, 4)).Select(_ => known[random.Next(known.Count)]).Distinct().ToArray();
                var submitted = Stopwatch.GetTimestamp();
                var reply = await client.SubmitAsync(operation, ids, $"operator {o}", TimeSpan.FromMinutes(2), CancellationToken.None);
                requests.Add((operation, submitted, Stopwatch.GetTimestamp(), reply));
            }
        })));
        await Task.WhenAll(sending, operating);

        // Let everything still held go, until nothing is held and nothing waits.
        QueueState[] waiting = [QueueState.Incoming, QueueState.Active, QueueState.Deferred, QueueState.Hold];
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (waiting.Any(state => queue.List(state).Count > 0))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"the queue empties: {string.Join(", ", waiting.Select(s => $"{s} {queue.List(s).Count}"))}");
            if (queue.List(QueueState.Hold) is { Count: > 0 } held)
            {
                var submitted = Stopwatch.GetTimestamp();
                var reply = await client.SubmitAsync(QueueOperation.Release, held, "final release", TimeSpan.FromMinutes(2), CancellationToken.None);
                requests.Add((QueueOperation.Release, submitted, Stopwatch.GetTimestamp(), reply));
            }
            await Task.Delay(100);
        }

        var outcomes = requests.SelectMany(request => request.Reply.Outcomes.Select(outcome => (request.Operation, request.Submitted, request.Answered, Outcome: outcome))).ToList();
        var deliveries = nextHop.Accepted.SelectMany(message => message.Recipients.Select(recipient => (Id: QueueIdOf(message.Content), Recipient: recipient, message.Timestamp))).ToList();
        output.WriteLine($"{sent.Count} messages, {requests.Count} requests: " + string.Join(", ", outcomes.GroupBy(o => $"{o.Operation} {o.Outcome.Detail}").OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        output.WriteLine($"{deliveries.Count} recipient deliveries in {nextHop.Accepted.Count} transactions");

        sent.Should().HaveCount(senders * perSender);
        outcomes.Should().NotContain(o => o.Outcome.Kind == EntryOutcomeKind.Failed);
        outcomes.Select(o => o.Operation).Distinct().Should().BeEquivalentTo(Enum.GetValues<QueueOperation>(), "every operation raced against delivery");
        outcomes.Should().Contain(o => o.Operation == QueueOperation.Hold && o.Outcome.Kind == EntryOutcomeKind.Changed);
        Directory.EnumerateFileSystemEntries(Path.Combine(QueueRoot, "corrupt")).Should().BeEmpty();

        // Nothing twice: a lost envelope update (a recipient's "delivered" overwritten) would deliver that recipient again.
        deliveries.GroupBy(d => (d.Id, d.Recipient)).Where(g => g.Count() > 1).Select(g => g.Key).Should().BeEmpty();

        // Nothing lost: every message not deleted reached both recipients.
        var deleted = outcomes.Where(o => o.Operation == QueueOperation.Delete && o.Outcome.Kind == EntryOutcomeKind.Changed).ToDictionary(o => o.Outcome.Id, o => o.Answered);
        var delivered = deliveries.Select(d => (d.Id, d.Recipient)).ToHashSet();
        foreach (var (id, (now, later)) in sent.Where(pair => !deleted.ContainsKey(pair.Key)))
            delivered.Should().Contain([(id, now), (id, later)], $"entry {id} was not deleted");

        // A confirmed delete is final, and a confirmed hold holds until a release is asked for.
        deliveries.Where(d => deleted.TryGetValue(d.Id, out var confirmed) && d.Timestamp > confirmed).Should().BeEmpty();
        foreach (var hold in outcomes.Where(o => o.Operation == QueueOperation.Hold && o.Outcome.Kind == EntryOutcomeKind.Changed))
        {
            var releasedFrom = outcomes
                .Where(o => o.Operation == QueueOperation.Release && o.Outcome.Id == hold.Outcome.Id && o.Answered > hold.Submitted)
                .Select(o => o.Submitted).DefaultIfEmpty(long.MaxValue).Min();
            deliveries.Where(d => d.Id == hold.Outcome.Id && d.Timestamp > hold.Answered && d.Timestamp < releasedFrom)
                .Should().BeEmpty($"{hold.Outcome.Id} was held from {hold.Answered} until a release asked at {releasedFrom}");
        }
        Directory.EnumerateFiles(Path.Combine(QueueRoot, "requests")).Should().BeEmpty("every request was answered and its answer collected");
    }

    [Fact]
    public async Task The_command_line_asks_the_running_gateway_and_a_hold_that_outlasts_its_timeout_is_applied_when_the_attempt_ends()
    {
        var letGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var nextHop = NextHopRefusingLaterOnce(() => letGo.Task);
        try
        {
            await using var gateway = await GatewayTestHost.StartAsync(temp.Path, new Dictionary<string, string?> { ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.Port}" });
            var id = await SendAsync(gateway.EndPoint, "hold-me-later", "now@example.org", "later@example.org");
            (await Eventually.TrueAsync(() => nextHop.MessagesWaiting == 1)).Should().BeTrue("the attempt is under way");

            var hold = await MailFilterCommandLine.RunAsync(temp.Path, "queue", "hold", id, "--timeout", "00:00:02");

            hold.Exit.Should().Be(2);
            hold.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("the gateway took request").And.Contain("applied when that attempt ends");
            File.Exists(EntryPath(QueueState.Active, id)).Should().BeTrue("the attempt has not ended");

            letGo.SetResult();

            (await Eventually.TrueAsync(() => File.Exists(EntryPath(QueueState.Hold, id)))).Should().BeTrue("the hold is applied once the attempt ends");
            var envelope = QueueFile.Read(EntryPath(QueueState.Hold, id)).Envelope;
            envelope.Recipients.Select(r => (r.Address, r.Status)).Should().Equal(("now@example.org", RecipientStatus.Delivered), ("later@example.org", RecipientStatus.Pending));
            await Task.Delay(1500); // two retry delays: a held entry is not retried
            nextHop.Accepted.Should().ContainSingle();

            var release = await MailFilterCommandLine.RunAsync(temp.Path, "queue", "release", id);

            release.Exit.Should().Be(0, release.Error);
            release.Out.Trim().Should().Be($"{id}: released");
            (await Eventually.TrueAsync(() => nextHop.Accepted.Count == 2)).Should().BeTrue();
            nextHop.Accepted.Select(m => string.Join(",", m.Recipients)).Should().Equal("now@example.org", "later@example.org");
            (await Eventually.TrueAsync(() => !File.Exists(EntryPath(QueueState.Active, id)))).Should().BeTrue();
        }
        finally
        {
            letGo.TrySetResult();
        }
    }

    [Fact]
    public async Task A_delete_asked_while_an_attempt_delivers_the_message_reports_already_delivered()
    {
        var letGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var nextHop = new ScriptedSmtpServer { BeforeAcceptingMessage = () => letGo.Task };
        try
        {
            await using var gateway = await GatewayTestHost.StartAsync(temp.Path, new Dictionary<string, string?> { ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.Port}" });
            var id = await SendAsync(gateway.EndPoint, "too-late", "bob@example.org");
            (await Eventually.TrueAsync(() => nextHop.MessagesWaiting == 1)).Should().BeTrue("the attempt is under way");
            using var delete = MailFilterCommandLine.Start(temp.Path, "queue", "delete", id, "--timeout", "00:02:00");
            (await Eventually.TrueAsync(() => Directory.EnumerateFiles(Path.Combine(QueueRoot, "requests"), "*.taken").Any())).Should().BeTrue("the gateway took the request");

            letGo.SetResult();
            var (exit, _, error) = await delete.WaitAsync();

            exit.Should().Be(1);
            error.Trim().Should().Be($"mailfilter: {id}: already delivered");
            nextHop.Accepted.Should().ContainSingle();
        }
        finally
        {
            letGo.TrySetResult();
        }
    }

    [Fact]
    public async Task A_hold_asked_of_a_gateway_killed_mid_attempt_is_applied_by_the_waiting_command_line()
    {
        var letGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var nextHop = new ScriptedSmtpServer { BeforeAcceptingMessage = () => letGo.Task };
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(temp.Path, GatewayProcess.FreePort(), $"127.0.0.1:{nextHop.Port}");
            var id = await SendAsync(gateway.EndPoint, "killed", "bob@example.org");
            (await Eventually.TrueAsync(() => nextHop.MessagesWaiting == 1)).Should().BeTrue("the attempt is under way");
            using var hold = MailFilterCommandLine.Start(temp.Path, "queue", "hold", id, "--timeout", "00:03:00");
            (await Eventually.TrueAsync(() => Directory.EnumerateFiles(Path.Combine(QueueRoot, "requests"), "*.taken").Any())).Should().BeTrue("the gateway took the request");

            gateway.Kill();
            var (exit, standardOutput, error) = await hold.WaitAsync();

            exit.Should().Be(0, error);
            standardOutput.Trim().Should().Be($"{id}: held");
            File.Exists(EntryPath(QueueState.Hold, id)).Should().BeTrue();
            Directory.EnumerateFiles(Path.Combine(QueueRoot, "requests")).Should().BeEmpty();
        }
        finally
        {
            letGo.TrySetResult();
        }
    }

    [Fact]
    public async Task A_second_gateway_on_the_same_data_directory_refuses_to_start_with_a_one_line_reason()
    {
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path);

        var second = await MailFilterCommandLine.RunAsync(temp.Path, "serve", "--smtp", "127.0.0.1:0", "--console", "http://127.0.0.1:0", "--Queue:OwnerLockWait=00:00:00");

        second.Exit.Should().Be(2);
        second.Error.Trim().Split('\n').Should().ContainSingle()
            .Which.Should().Contain($"the queue {QueueRoot} is owned by mailfilter serve").And.Contain($"pid {Environment.ProcessId}");
    }
}
