using System.Text;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using MailFilter.Gateway.Smtp;
using MailFilter.Gateway.Tests.Queue;
using MailFilter.Gateway.Verdicts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailFilter.Gateway.Tests.Filtering;

/// <summary>The durability contract at end of data: 250 only for a committed entry; every failure a 4xx with nothing kept.</summary>
public class MessageAcceptorTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly ScriptedFileSystem fileSystem = new();
    readonly DeliveryScheduler scheduler = new();
    readonly MessageQueue queue;

    public MessageAcceptorTests() => queue = new MessageQueue(Path.Combine(temp.Path, "queue"), fileSystem, TimeProvider.System);

    public void Dispose() => temp.Dispose();

    FilteringMessageReceiver Receiver(IMessageJudge judge, TimeSpan? deadline = null)
    {
        var options = Options.Create(new FilteringOptions { Deadline = deadline ?? TimeSpan.FromMinutes(1) });
        var acceptor = new MessageAcceptor(queue, new MessageParser(options), judge, new QueueJournal(queue, scheduler, DetachedQueueArchive.Off),
            options, TimeProvider.System, NullLogger<MessageAcceptor>.Instance);
        return new FilteringMessageReceiver(queue, acceptor, options);
    }

    async Task<SmtpReply> SendAsync(IMessageReceiver receiver, string message = QueueTestData.Message)
    {
        await using var writer = await receiver.BeginAsync(QueueTestData.Envelope(), CancellationToken.None);
        var bytes = Encoding.ASCII.GetBytes(message);
        await writer.WriteAsync(bytes.AsMemory(0, 10), CancellationToken.None);
        await writer.WriteAsync(bytes.AsMemory(10), CancellationToken.None);
        return await writer.CompleteAsync(CancellationToken.None);
    }

    bool QueueIsEmpty() => Enum.GetValues<QueueState>().All(state => queue.List(state).Count == 0);

    [Fact]
    public async Task A_passed_message_is_queued_durably_in_active_before_250_names_its_id()
    {
        var judge = ScriptedJudge.Returning(Verdict.Pass with { Direction = "outbound" });

        var reply = await SendAsync(Receiver(judge));

        var id = queue.List(QueueState.Active).Single();
        reply.ToString().Should().Be($"250 2.0.0 Ok: queued as {id}");
        QueueTestData.ReadMessage(queue, QueueState.Active, id).Should().Be(QueueTestData.Message);
        var envelope = queue.ReadEnvelope(QueueState.Active, id);
        envelope.Sender.Should().Be("alice@example.net");
        envelope.Client.Helo.Should().Be("client.example.net");
        envelope.MessageId.Should().Be("m1@example.net");
        envelope.Direction.Should().Be("outbound", "the envelope keeps the direction the judge decided");
        envelope.Body.Should().Be("8bitmime");
        envelope.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(QueueTestData.Message))),
            "the bytes are hashed while they are spooled");
        judge.SeenSubject.Should().Be("Budget meeting");
        judge.SeenEnvelope!.Client!.IsTrusted.Should().BeTrue();
        judge.SeenEnvelope.Client.Address.Should().Be("192.0.2.7");
        scheduler.Ready.TryRead(out var scheduled).Should().BeTrue();
        scheduled.Should().Be(id);
    }

    [Fact]
    public async Task A_rejected_message_gets_550_5_7_1_with_category_and_policy_and_nothing_is_kept()
    {
        var verdict = new Verdict { Action = VerdictAction.Reject, Categories = ["chain-letter"], PolicyReference = "AUP 4.2", Reason = "chain letter" };

        var reply = await SendAsync(Receiver(ScriptedJudge.Returning(verdict)));

        reply.ToString().Should().Be("550 5.7.1 Message refused by policy: chain-letter (AUP 4.2)");
        QueueIsEmpty().Should().BeTrue();
    }

    [Fact]
    public async Task A_quarantined_message_is_acknowledged_and_held_never_scheduled()
    {
        var verdict = new Verdict { Action = VerdictAction.Quarantine, Categories = ["political"] };

        var reply = await SendAsync(Receiver(ScriptedJudge.Returning(verdict)));

        reply.Code.Should().Be(250);
        var id = queue.List(QueueState.Hold).Single();
        queue.ReadEnvelope(QueueState.Hold, id).Verdict!.Categories.Should().Equal("political");
        scheduler.Ready.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_policy_fault_is_a_451_tempfail_never_a_silent_pass()
    {
        var reply = await SendAsync(Receiver(new ScriptedJudge((_, _) => throw new InvalidOperationException("rules broke"))));

        reply.ToString().Should().StartWith("451 4.3.0");
        QueueIsEmpty().Should().BeTrue();
    }

    [Fact]
    public async Task A_policy_past_the_deadline_is_a_451_tempfail()
    {
        var slow = new ScriptedJudge(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Verdict.Pass;
        });

        var reply = await SendAsync(Receiver(slow, TimeSpan.FromMilliseconds(100)));

        reply.ToString().Should().StartWith("451 4.3.0");
        QueueIsEmpty().Should().BeTrue();
    }

    [Fact]
    public async Task When_fsync_fails_the_client_hears_451_and_nothing_is_kept()
    {
        fileSystem.FailFileSync = true;

        var reply = await SendAsync(Receiver(ScriptedJudge.Returning(Verdict.Pass)));

        reply.Code.Should().Be(451);
        QueueIsEmpty().Should().BeTrue();
    }

    [Fact]
    public async Task When_the_rename_into_active_fails_the_client_hears_451_and_nothing_is_kept()
    {
        fileSystem.FailMove = true;

        var reply = await SendAsync(Receiver(ScriptedJudge.Returning(Verdict.Pass)));

        reply.Code.Should().Be(451);
        QueueIsEmpty().Should().BeTrue();
    }

    [Fact]
    public async Task When_the_incoming_directory_cannot_be_synced_the_client_hears_451_and_nothing_is_kept()
    {
        fileSystem.FailDirectorySyncEndingWith = Path.DirectorySeparatorChar + "incoming";

        var reply = await SendAsync(Receiver(ScriptedJudge.Returning(Verdict.Pass)));

        reply.Code.Should().Be(451);
        QueueIsEmpty().Should().BeTrue();
        scheduler.Ready.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task An_aborted_transaction_leaves_nothing()
    {
        var receiver = Receiver(ScriptedJudge.Returning(Verdict.Pass));

        await using (var writer = await receiver.BeginAsync(QueueTestData.Envelope(), CancellationToken.None))
            await writer.WriteAsync(Encoding.ASCII.GetBytes("From: a@b\r\n"), CancellationToken.None);

        QueueIsEmpty().Should().BeTrue();
    }

    [Theory]
    [InlineData("\x01\x02 binary junk with no header\r\n")]
    [InlineData("just a line of text, no header at all\r\nand another\r\n")]
    public async Task A_message_with_no_header_section_is_judged_as_a_body_and_queued_as_received(string headerless)
    {
        var judge = ScriptedJudge.Returning(Verdict.Pass);

        var reply = await SendAsync(Receiver(judge), headerless);

        reply.Code.Should().Be(250, "Postfix takes such mail too; refusing it would bounce legitimate, if odd, mail");
        QueueTestData.ReadMessage(queue, QueueState.Active, queue.List(QueueState.Active).Single()).Should().Be(headerless);
        judge.SeenSubject.Should().BeNull();
    }

    [Fact]
    public async Task A_message_with_a_malformed_header_line_is_still_queued_as_received()
    {
        const string odd = "Subject: hi\r\nthis line is no header\r\n\r\nbody\r\n";

        var reply = await SendAsync(Receiver(ScriptedJudge.Returning(Verdict.Pass)), odd);

        reply.Code.Should().Be(250);
        QueueTestData.ReadMessage(queue, QueueState.Active, queue.List(QueueState.Active).Single()).Should().Be(odd);
    }
}
