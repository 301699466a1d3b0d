using System.Text;
using System.Text.Json;
using MailFilter.Gateway.Tests.EndToEnd;
using MailFilter.Gateway.Tests.Queue;
using MailFilter.Gateway.Tests.Smtp;
using MimeKit;

namespace MailFilter.Gateway.Tests.Policy;

/// <summary>
/// A chain letter hidden past the scan limits — 500 nested multiparts, or 100 nested forwarded messages — through
/// SMTP with the shipped rules: sent by staff it is held (the scan could not see everything, so it must not be a
/// way around the policy); sent from outside it is delivered tagged.
/// </summary>
public class ScanIncompleteEndToEndTests : IDisposable
{
    const string ChainLetter = "An angel is watching over you today. Send this to 10 people within the next hour. Don't break the chain!";

    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    static MimeMessage NestedMultiparts(string from, int depth)
    {
        var text = new StringBuilder($"From: <{from}>\r\nTo: <records@city.example>\r\nSubject: nested {depth} deep\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        for (var i = 0; i < depth; i++)
            text.Append($"--b{i}\r\nContent-Type: multipart/mixed; boundary=\"b{i + 1}\"\r\n\r\n");
        text.Append($"--b{depth}\r\nContent-Type: text/plain\r\n\r\n{ChainLetter}\r\n");
        for (var i = depth; i >= 0; i--)
            text.Append($"--b{i}--\r\n");
        return Parse(text.ToString());
    }

    static MimeMessage NestedForwards(string from, int depth)
    {
        var text = new StringBuilder($"From: <{from}>\r\nTo: <records@city.example>\r\nSubject: forwarded {depth} times\r\nMIME-Version: 1.0\r\n");
        for (var i = 0; i < depth; i++)
            text.Append($"Content-Type: message/rfc822\r\n\r\nFrom: <fw{i}@outside.example>\r\nSubject: FW {i}\r\nMIME-Version: 1.0\r\n");
        text.Append($"Content-Type: text/plain\r\n\r\n{ChainLetter}\r\n");
        return Parse(text.ToString());
    }

    static MimeMessage Parse(string text) =>
        MimeMessage.Load(new ParserOptions { MaxMimeDepth = 2048 }, new MemoryStream(Encoding.ASCII.GetBytes(text)));

    async Task<(GatewayTestHost Gateway, SmtpTestHost NextHop, RecordingReceiver Sink)> StartAsync(bool loopbackIsStaff)
    {
        var sink = new RecordingReceiver();
        var nextHop = await SmtpTestHost.StartAsync(sink);
        var settings = new Dictionary<string, string?>
        {
            ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.EndPoint.Port}",
            ["Smtp:AcceptedDomains:0"] = "city.example",
            ["Gateway:RulesDirectory"] = Path.Combine(RepositoryPaths.Root, "rules"),
        };
        if (!loopbackIsStaff)
            settings["Smtp:TrustedNetworks"] = "";
        var gateway = await GatewayTestHost.StartAsync(Path.Combine(temp.Path, loopbackIsStaff ? "staff" : "outside"), settings);
        return (gateway, nextHop, sink);
    }

    [Fact]
    public async Task Staff_mail_hiding_a_chain_letter_past_the_scan_limits_is_held_not_delivered()
    {
        var (gateway, nextHop, sink) = await StartAsync(loopbackIsStaff: true);
        await using var _ = gateway;
        await using var __ = nextHop;
        using var client = await TestMessages.ConnectAsync(gateway.EndPoint);

        var multipart = (await client.SendAsync(NestedMultiparts("pmiller@city.example", 500))).Split(' ').Last();
        var forwards = (await client.SendAsync(NestedForwards("pmiller@city.example", 100))).Split(' ').Last();
        await client.DisconnectAsync(quit: true);

        foreach (var id in new[] { multipart, forwards })
        {
            File.Exists(Path.Combine(gateway.QueueDirectory("hold"), id)).Should().BeTrue(id);
            using var envelope = JsonDocument.Parse(gateway.EnvelopeJson("hold", id));
            var verdict = envelope.RootElement.GetProperty("verdict");
            verdict.GetProperty("action").GetString().Should().Be("quarantine");
            verdict.GetRawText().Should().Contain("SCAN_INCOMPLETE").And.Contain("scan_incomplete");
        }
        await Task.Delay(500);
        sink.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Mail_from_outside_hiding_a_chain_letter_past_the_scan_limits_is_delivered_tagged()
    {
        var (gateway, nextHop, sink) = await StartAsync(loopbackIsStaff: false);
        await using var _ = gateway;
        await using var __ = nextHop;
        using var client = await TestMessages.ConnectAsync(gateway.EndPoint);

        await client.SendAsync(NestedMultiparts("someone@outside.example", 500));
        await client.SendAsync(NestedForwards("someone@outside.example", 100));
        await client.DisconnectAsync(quit: true);

        (await Eventually.TrueAsync(() => sink.Messages.Count == 2)).Should().BeTrue();
        sink.Messages.Select(m => Encoding.UTF8.GetString(m.Content)).Should().AllSatisfy(delivered => delivered
            .Should().Contain("X-MailFilter-Verdict: tag").And.Contain("X-MailFilter-Categories: scan_incomplete")
            .And.Contain("Subject: [POLICY: scan_incomplete] "));
    }
}
