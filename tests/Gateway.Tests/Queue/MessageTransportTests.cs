using MailFilter.Gateway.Verdicts;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>Direct MX delivery: hosts tried in preference order; DNS answers that end delivery for good or for now.</summary>
public class MessageTransportTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly MessageQueue queue;

    public MessageTransportTests() => queue = new MessageQueue(Path.Combine(temp.Path, "queue"), new DurableFileSystem(), TimeProvider.System);

    public void Dispose() => temp.Dispose();

    sealed class FixedMx(MxResolution resolution) : IMxResolver
    {
        public Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken) => Task.FromResult(resolution);
    }

    async Task<IReadOnlyList<RecipientResult>> SendViaMxAsync(MxResolution resolution, int mxPort)
    {
        var options = Options.Create(new DeliveryOptions { HostName = "gw.test", UseMx = true, MxPort = mxPort });
        await using var pool = new SmtpConnectionPool(options, TimeProvider.System, NullLogger<SmtpConnectionPool>.Instance);
        var transport = new MessageTransport(new SmtpRelay(pool, NullLogger<SmtpRelay>.Instance), new FixedMx(resolution),
            new OutboxTransport(Path.Combine(temp.Path, "outbox"), new DurableFileSystem()), options);
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, DateTimeOffset.UtcNow);
        var message = OutgoingMessage.Create(envelope, Verdict.Pass, queue.Read(QueueState.Active, envelope.Id).Message, "gw.test", "");
        var route = new RouteResolver(options).Resolve("bob@example.org");
        route.Kind.Should().Be(DeliveryRouteKind.Mx);
        return await transport.SendAsync(message, route, ["bob@example.org"], CancellationToken.None);
    }

    [Fact]
    public async Task An_unreachable_preferred_MX_host_falls_through_to_the_next_one()
    {
        await using var server = new ScriptedSmtpServer();

        // 127.0.0.2 is loopback too but nothing listens there: connection refused, like a dead MX.
        var results = await SendViaMxAsync(new MxResolution(["127.0.0.2", "127.0.0.1"], null, false), server.Port);

        results.Single().Outcome.Should().Be(RecipientOutcome.Delivered);
        server.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task A_domain_that_does_not_exist_fails_permanently_and_a_DNS_failure_transiently()
    {
        (await SendViaMxAsync(new MxResolution([], "550 5.1.2 Domain example.org does not exist", true), 25)).Single().Outcome.Should().Be(RecipientOutcome.Permanent);
        (await SendViaMxAsync(new MxResolution([], "451 4.4.3 DNS lookup failed", false), 25)).Single().Outcome.Should().Be(RecipientOutcome.Transient);
    }

    [Fact]
    public async Task When_no_MX_host_answers_the_recipients_stay_pending()
    {
        var results = await SendViaMxAsync(new MxResolution(["127.0.0.2"], null, false), EndToEnd.GatewayProcess.FreePort());

        results.Single().Outcome.Should().Be(RecipientOutcome.Transient);
        results.Single().Reply.Should().StartWith("451 4.4.1");
    }
}
