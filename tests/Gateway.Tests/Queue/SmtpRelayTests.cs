using System.Text;
using MailFilter.Gateway.Verdicts;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>The MailKit relay against a scripted next hop: what goes over the wire, per-recipient results, reuse.</summary>
public class SmtpRelayTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly MessageQueue queue;

    public SmtpRelayTests() => queue = new MessageQueue(Path.Combine(temp.Path, "queue"), new DurableFileSystem(), TimeProvider.System);

    public void Dispose() => temp.Dispose();

    static SmtpRelay Relay(out SmtpConnectionPool pool)
    {
        pool = new SmtpConnectionPool(Options.Create(new DeliveryOptions { HostName = "gw.test" }), TimeProvider.System, NullLogger<SmtpConnectionPool>.Instance);
        return new SmtpRelay(pool, NullLogger<SmtpRelay>.Instance);
    }

    async Task<OutgoingMessage> MessageAsync(string body, params string[] recipients)
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, DateTimeOffset.UtcNow, message: body, recipients: recipients);
        return OutgoingMessage.Create(envelope, Verdict.Pass, queue.Read(QueueState.Active, envelope.Id).Message, "gw.test", "");
    }

    [Theory]
    [InlineData(true, "BDAT")]
    [InlineData(false, "DATA")]
    public async Task The_next_hop_gets_trace_headers_then_the_stored_bytes_with_BDAT_when_it_offers_CHUNKING(bool chunking, string command)
    {
        await using var server = new ScriptedSmtpServer(chunking);
        var relay = Relay(out var pool);
        await using var _ = pool;
        const string body = "Subject: dots\r\n\r\n.\r\n..two\r\n.three\r\nend\r\n";
        var message = await MessageAsync(body);

        var results = await relay.SendAsync(message, new NextHop("127.0.0.1", server.Port), ["bob@example.org"], CancellationToken.None);

        results!.Single().Outcome.Should().Be(RecipientOutcome.Delivered);
        server.Commands.Should().Contain(line => line.StartsWith(command + " ") || line == command);
        var received = Encoding.Latin1.GetString(server.Messages.Single());
        received.Should().StartWith("Received: from client.example.net").And.EndWith("\r\n\r\n" + body[17..]);
        received.Should().EndWith(body, "a lone dot line is dot-stuffed on the wire and unstuffed by the next hop, never taken as the end");
    }

    [Fact]
    public async Task A_recipient_refused_at_RCPT_is_reported_alone_and_the_others_are_delivered()
    {
        await using var server = new ScriptedSmtpServer { RcptReply = address => address.StartsWith("full") ? "452 4.2.2 Mailbox full" : address.StartsWith("gone") ? "550 5.1.1 No such user" : "250 2.1.5 Ok" };
        var relay = Relay(out var pool);
        await using var _ = pool;
        var message = await MessageAsync(QueueTestData.Message, "ok@example.org", "full@example.org", "gone@example.org");

        var results = await relay.SendAsync(message, new NextHop("127.0.0.1", server.Port), ["ok@example.org", "full@example.org", "gone@example.org"], CancellationToken.None);

        results!.Select(r => (r.Address, r.Outcome, r.Reply)).Should().Equal(
            ("ok@example.org", RecipientOutcome.Delivered, "250 2.0.0 Ok"),
            ("full@example.org", RecipientOutcome.Transient, "452 4.2.2 Mailbox full"),
            ("gone@example.org", RecipientOutcome.Permanent, "550 5.1.1 No such user"));
        server.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task When_every_recipient_is_refused_each_keeps_its_own_reply()
    {
        await using var server = new ScriptedSmtpServer { RcptReply = _ => "550 5.1.1 No such user" };
        var relay = Relay(out var pool);
        await using var _ = pool;
        var message = await MessageAsync(QueueTestData.Message, "a@example.org", "b@example.org");

        var results = await relay.SendAsync(message, new NextHop("127.0.0.1", server.Port), ["a@example.org", "b@example.org"], CancellationToken.None);

        results!.Should().OnlyContain(r => r.Outcome == RecipientOutcome.Permanent && r.Reply == "550 5.1.1 No such user");
        server.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Several_messages_to_one_next_hop_share_one_connection()
    {
        await using var server = new ScriptedSmtpServer();
        var relay = Relay(out var pool);
        await using var _ = pool;

        for (var i = 0; i < 5; i++)
            await relay.SendAsync(await MessageAsync(QueueTestData.Message), new NextHop("127.0.0.1", server.Port), ["bob@example.org"], CancellationToken.None);

        server.Messages.Should().HaveCount(5);
        server.Connections.Should().Be(1);
    }

    [Fact]
    public async Task A_next_hop_that_refuses_in_its_greeting_is_reported_as_no_connection()
    {
        await using var server = new ScriptedSmtpServer { Greeting = "554 5.7.1 Go away" };
        var relay = Relay(out var pool);
        await using var _ = pool;

        var results = await relay.SendAsync(await MessageAsync(QueueTestData.Message), new NextHop("127.0.0.1", server.Port), ["bob@example.org"], CancellationToken.None);

        results.Should().BeNull("the caller defers, or tries the next MX host");
    }

    [Fact]
    public async Task A_next_hop_that_does_not_answer_is_reported_as_no_connection()
    {
        var relay = Relay(out var pool);
        await using var _ = pool;
        var port = EndToEnd.GatewayProcess.FreePort();

        var results = await relay.SendAsync(await MessageAsync(QueueTestData.Message), new NextHop("127.0.0.1", port), ["bob@example.org"], CancellationToken.None);

        results.Should().BeNull("the caller defers, or tries the next MX host");
    }
}
