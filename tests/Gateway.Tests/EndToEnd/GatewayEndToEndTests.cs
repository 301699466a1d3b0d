using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailFilter.Gateway.Smtp;
using MailFilter.Gateway.Tests.Smtp;
using MimeKit;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>The whole gateway over real sockets on port 0: MailKit client → gateway → a real SMTP next hop.</summary>
public class GatewayEndToEndTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    static Dictionary<string, string?> Via(SmtpTestHost nextHop) => new() { ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.EndPoint.Port}" };

    [Fact]
    public async Task A_message_reaches_the_next_hop_byte_identical_apart_from_the_prepended_trace_headers()
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, Via(nextHop));
        var raw = TestMessages.Raw("identical");
        using (var sent = new MemoryStream())
        {
            TestMessages.Parse(raw).WriteTo(FormatOptions.Default.Clone().WithDos(), sent);
            sent.ToArray().Should().Equal(raw, "the test message must survive MimeKit on the client side unchanged");
        }

        using (var client = await TestMessages.ConnectAsync(gateway.EndPoint))
        {
            var reply = await client.SendAsync(TestMessages.Parse(raw));
            reply.Should().StartWith("2.0.0 Ok: queued as ");
            await client.DisconnectAsync(quit: true);
        }

        (await Eventually.TrueAsync(() => sink.Messages.Count == 1)).Should().BeTrue();
        var received = sink.Messages.Single();
        received.Envelope.ReversePath.Should().Be("alice@example.com");
        received.Envelope.Recipients.Should().Equal("bob@example.org");
        received.Content.AsSpan().EndsWith(raw).Should().BeTrue("the body and original headers arrive byte for byte");
        var prefix = Encoding.ASCII.GetString(received.Content, 0, received.Content.Length - raw.Length);
        prefix.Should().StartWith("Received: from ").And.Contain("\r\n\tby gateway.test (MailFilter) with ESMTP id ").And.Contain("X-MailFilter-Queue-Id: ").And.EndWith("X-MailFilter-Verdict: pass\r\n");
        prefix.Should().NotContain("\r\n\r\n");
        Directory.EnumerateFileSystemEntries(gateway.QueueDirectory("active")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_thousand_messages_from_twenty_concurrent_clients_arrive_exactly_once_each()
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, Via(nextHop));
        const int clients = 20, perClient = 50;
        var sentIds = new ConcurrentBag<string>();
        var latencies = new ConcurrentBag<double>();

        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            using var client = await TestMessages.ConnectAsync(gateway.EndPoint);
            for (var m = 0; m < perClient; m++)
            {
                var id = $"load-{c}-{m}";
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await client.SendAsync(TestMessages.Parse(TestMessages.Raw(id)));
                latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                sentIds.Add($"{id}@example.com");
            }
            await client.DisconnectAsync(quit: true);
        }));

        sentIds.Should().HaveCount(clients * perClient);
        var sorted = latencies.Order().ToList();
        output.WriteLine($"whole transaction per message (MAIL..250), ms: p50 {sorted[sorted.Count / 2]:0.0}, p99 {sorted[sorted.Count * 99 / 100]:0.0}, max {sorted[^1]:0.0}");
        (await Eventually.TrueAsync(() => sink.Messages.Count >= clients * perClient, TimeSpan.FromMinutes(4))).Should().BeTrue();
        (await Eventually.TrueAsync(() => Directory.EnumerateFileSystemEntries(gateway.QueueDirectory("active")).Any() == false)).Should().BeTrue();
        var arrived = sink.Messages.Select(m => TestMessages.MessageIdOf(m.Content)).ToList();
        arrived.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(sentIds);
        foreach (var message in sink.Messages)
            message.Content.AsSpan().EndsWith(TestMessages.Raw(TestMessages.MessageIdOf(message.Content)!.Split('@')[0])).Should().BeTrue();
    }

    [Fact]
    public async Task While_the_next_hop_is_down_mail_is_deferred_and_delivered_when_it_comes_back()
    {
        var port = FreePort();
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, new Dictionary<string, string?> { ["Delivery:NextHop"] = $"127.0.0.1:{port}" });

        using (var client = await TestMessages.ConnectAsync(gateway.EndPoint))
            await client.SendAsync(TestMessages.Parse(TestMessages.Raw("deferred")));

        (await Eventually.TrueAsync(() => Directory.EnumerateFiles(gateway.QueueDirectory("deferred")).Any())).Should().BeTrue();
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink, new Dictionary<string, string?> { ["Smtp:Listen"] = $"127.0.0.1:{port}" });

        (await Eventually.TrueAsync(() => sink.Messages.Count == 1)).Should().BeTrue();
        TestMessages.MessageIdOf(sink.Messages.Single().Content).Should().Be("deferred@example.com");
        (await Eventually.TrueAsync(() => !Directory.EnumerateFileSystemEntries(gateway.QueueDirectory("deferred")).Any())).Should().BeTrue();
    }

    [Fact]
    public async Task A_permanent_refusal_at_the_next_hop_returns_a_delivery_status_notification_to_the_sender()
    {
        var sink = new RecordingReceiver
        {
            Reply = message => message.Envelope.ReversePath.Length == 0 ? SmtpReply.Ok("Ok") : new SmtpReply(550, "5.7.1", "Relaying denied for this sender"),
        };
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, Via(nextHop));

        using (var client = await TestMessages.ConnectAsync(gateway.EndPoint))
            await client.SendAsync(TestMessages.Parse(TestMessages.Raw("refused")));

        (await Eventually.TrueAsync(() => sink.Messages.Count == 1)).Should().BeTrue();
        var bounce = sink.Messages.Single();
        bounce.Envelope.ReversePath.Should().BeEmpty();
        bounce.Envelope.Recipients.Should().Equal("alice@example.com");
        using var dsn = MimeMessage.Load(new MemoryStream(bounce.Content));
        var report = dsn.Body.Should().BeOfType<MultipartReport>().Subject;
        report.ReportType.Should().Be("delivery-status");
        var status = report.OfType<MessageDeliveryStatus>().Single();
        status.StatusGroups[1]!["Final-Recipient"].Should().Be("rfc822; bob@example.org");
        status.StatusGroups[1]!["Status"].Should().Be("5.7.1");
        status.StatusGroups[1]!["Diagnostic-Code"].Should().Contain("550").And.Contain("Relaying denied");
        report.OfType<TextRfc822Headers>().Single().Message!.MessageId.Should().Be("refused@example.com");
    }

    [Fact]
    public async Task With_no_next_hop_each_message_is_written_to_the_outbox()
    {
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path);
        var raw = TestMessages.Raw("outbox");

        string reply;
        using (var client = await TestMessages.ConnectAsync(gateway.EndPoint))
            reply = await client.SendAsync(TestMessages.Parse(raw));

        var id = reply.Split(' ').Last();
        var path = Path.Combine(temp.Path, "outbox", id + ".eml");
        (await Eventually.TrueAsync(() => File.Exists(path))).Should().BeTrue();
        var written = await File.ReadAllBytesAsync(path);
        written.AsSpan().EndsWith(raw).Should().BeTrue();
        Encoding.ASCII.GetString(written).Should().StartWith("Received: ").And.Contain($"X-MailFilter-Queue-Id: {id}\r\n");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
