using System.Net;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using MailFilter.Gateway.Queue.Requests;
using MailFilter.Gateway.Tests.EndToEnd;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>The command channel DATA/queue/requests: a request is answered by whoever owns the queue, and never lost.</summary>
public class QueueRequestChannelTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly MessageQueue queue;
    readonly QueueRequestDirectory requests;

    public QueueRequestChannelTests()
    {
        queue = new MessageQueue(Path.Combine(temp.Path, "queue"), new DurableFileSystem(), TimeProvider.System);
        requests = new QueueRequestDirectory(queue.Root, new DurableFileSystem());
    }

    public void Dispose() => temp.Dispose();

    QueueRequest Request(QueueOperation operation, params string[] entries) =>
        new() { Id = QueueId.New(TimeProvider.System), Operation = operation, Entries = entries, RequestedAt = DateTimeOffset.UtcNow, RequestedBy = "test" };

    async Task<QueueEnvelope> DeferredForAnHourAsync()
    {
        var entry = await QueueTestData.AddEntryAsync(queue, QueueState.Deferred, DateTimeOffset.UtcNow);
        entry.NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1);
        queue.WriteEnvelope(QueueState.Deferred, entry);
        return entry;
    }

    static async Task<string> SendAsync(GatewayTestHost gateway, params string[] recipients)
    {
        using var client = await TestMessages.ConnectAsync(gateway.EndPoint);
        var reply = await client.SendAsync(TestMessages.Parse(TestMessages.Raw("channel")), MailboxAddress.Parse("alice@example.com"), recipients.Select(MailboxAddress.Parse));
        await client.DisconnectAsync(quit: true);
        return reply.Split(' ').Last();
    }

    [Fact]
    public async Task Requests_written_while_no_gateway_ran_or_taken_by_one_that_died_unanswered_are_applied_when_the_gateway_starts()
    {
        var toHold = await DeferredForAnHourAsync();
        var toDelete = await QueueTestData.AddEntryAsync(queue, QueueState.Hold, DateTimeOffset.UtcNow);
        var hold = Request(QueueOperation.Hold, toHold.Id);
        var delete = Request(QueueOperation.Delete, toDelete.Id);
        requests.Submit(hold);
        requests.Submit(delete);
        requests.TryClaim(delete.Id).Should().BeTrue("the gateway that took it was killed before it answered");

        await using var gateway = await GatewayTestHost.StartAsync(temp.Path);

        (await Eventually.TrueAsync(() => File.Exists(requests.ReplyPath(hold.Id)) && File.Exists(requests.ReplyPath(delete.Id)))).Should().BeTrue();
        requests.TryTakeReply(hold.Id, out var held).Should().BeTrue();
        held!.Outcomes.Should().Equal(new EntryOutcome(toHold.Id, EntryOutcomeKind.Changed, QueueState.Hold, "held"));
        held.AppliedBy.Should().StartWith("the gateway");
        requests.TryTakeReply(delete.Id, out var deleted).Should().BeTrue();
        deleted!.Outcomes.Should().Equal(new EntryOutcome(toDelete.Id, EntryOutcomeKind.Changed, QueueState.Done, "deleted"));
        queue.List(QueueState.Hold).Should().Equal(toHold.Id);
        (await Eventually.TrueAsync(() => queue.List(QueueState.Done).Count == 0)).Should().BeTrue("the deleted entry leaves done once archived");
        Directory.EnumerateFiles(requests.Path).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_gateway_a_client_applies_its_own_request_and_those_left_before_it_under_the_owner_lock()
    {
        var left = await DeferredForAnHourAsync();
        var mine = await DeferredForAnHourAsync();
        var leftBehind = Request(QueueOperation.Hold, left.Id);
        requests.Submit(leftBehind);
        var client = new QueueRequestClient(queue, new DurableFileSystem(), TimeProvider.System);

        var reply = await client.SubmitAsync(QueueOperation.Flush, [mine.Id], "test", TimeSpan.FromMinutes(1), CancellationToken.None);

        reply.Outcomes.Should().Equal(new EntryOutcome(mine.Id, EntryOutcomeKind.Changed, QueueState.Active, "due now"));
        reply.AppliedBy.Should().Contain("no gateway running");
        queue.List(QueueState.Active).Should().Equal(mine.Id);
        queue.List(QueueState.Hold).Should().Equal(left.Id);
        requests.TryTakeReply(leftBehind.Id, out var answer).Should().BeTrue("the request left behind is answered too, for whoever comes for it");
        answer!.Outcomes.Single().Detail.Should().Be("held");
        QueueOwnerLock.TryAcquire(queue.Root, "test", out var ownerLock).Should().BeTrue("the client let go of the lock");
        ownerLock!.Dispose();
    }

    [Fact]
    public async Task An_unreadable_request_is_answered_with_an_error_instead_of_being_retried_for_ever()
    {
        var id = QueueId.New(TimeProvider.System);
        await File.WriteAllTextAsync(requests.RequestPath(id), "{ \"operation\": \"obliterate\" ");
        var owner = DeliveryHarness.Owner(queue, new DeliveryScheduler(), new DeferredSchedule());
        var processor = new QueueRequestProcessor(queue, requests, owner, "test", TimeProvider.System, NullLogger<QueueRequestProcessor>.Instance);

        await Task.WhenAll(processor.StartWaiting(CancellationToken.None));

        requests.TryTakeReply(id, out var reply).Should().BeTrue();
        reply!.Error.Should().StartWith("unreadable request");
        reply.Outcomes.Should().BeEmpty();
        Directory.EnumerateFiles(requests.Path).Should().BeEmpty();
        processor.StartWaiting(CancellationToken.None).Should().BeEmpty("nothing is left to apply again");
    }

    [Fact]
    public async Task A_client_waiting_on_a_gateway_that_stops_mid_request_applies_the_request_itself()
    {
        var letGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var nextHop = new ScriptedSmtpServer { BeforeAcceptingMessage = () => letGo.Task };
        try
        {
            var gateway = await GatewayTestHost.StartAsync(temp.Path, new Dictionary<string, string?>
            {
                ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.Port}",
                ["Delivery:ShutdownGracePeriod"] = "00:00:00",
            });
            string id;
            Task<QueueReply> hold;
            try
            {
                id = await SendAsync(gateway, "bob@example.org");
                (await Eventually.TrueAsync(() => nextHop.MessagesWaiting == 1)).Should().BeTrue("the attempt is under way");
                var client = new QueueRequestClient(queue, new DurableFileSystem(), TimeProvider.System);
                hold = client.SubmitAsync(QueueOperation.Hold, [id], "test", TimeSpan.FromMinutes(2), CancellationToken.None);
                (await Eventually.TrueAsync(() => requests.Taken().Count == 1)).Should().BeTrue("the gateway took the request and waits for the attempt");
                hold.IsCompleted.Should().BeFalse();
            }
            finally
            {
                await gateway.DisposeAsync();
            }

            var reply = await hold.WaitAsync(TimeSpan.FromMinutes(2));

            reply.Outcomes.Should().Equal(new EntryOutcome(id, EntryOutcomeKind.Changed, QueueState.Hold, "held"));
            reply.AppliedBy.Should().Contain("no gateway running");
            queue.List(QueueState.Hold).Should().Equal(id);
        }
        finally
        {
            letGo.TrySetResult();
        }
    }
}
