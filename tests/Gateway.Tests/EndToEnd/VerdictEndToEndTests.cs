using System.Text;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Tests.Filtering;
using MailFilter.Gateway.Tests.Smtp;
using MailFilter.Gateway.Verdicts;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>A policy plugged into the verdict seam of the whole gateway: tag, quarantine, release, reject.</summary>
public class VerdictEndToEndTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    static readonly ScriptedJudge Judge = new((message, _) => Task.FromResult((message.Subject ?? "") switch
    {
        var s when s.Contains("tag-me") => new Verdict { Action = VerdictAction.Tag, Categories = ["profanity"], Rules = [new VerdictRule("profanity.mild", "profanity", 3, "mild language", [], [new VerdictEvidence("body", "darn")])] },
        var s when s.Contains("hold-me") => new Verdict { Action = VerdictAction.Quarantine, Categories = ["political"], Reason = "campaign appeal" },
        var s when s.Contains("refuse-me") => new Verdict { Action = VerdictAction.Reject, Categories = ["chain-letter"], PolicyReference = "AUP 4.2" },
        _ => Verdict.Pass,
    }));

    [Fact]
    public async Task Tagged_mail_is_marked_held_mail_waits_for_release_and_rejected_mail_is_refused_at_the_end_of_data()
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path,
            new Dictionary<string, string?> { ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.EndPoint.Port}" },
            services => services.AddSingleton<IMessageJudge>(Judge));
        using var client = await TestMessages.ConnectAsync(gateway.EndPoint);

        await client.SendAsync(TestMessages.Parse(TestMessages.Raw("tag-me")));
        var held = (await client.SendAsync(TestMessages.Parse(TestMessages.Raw("hold-me")))).Split(' ').Last();
        var refused = await FluentActions.Awaiting(() => client.SendAsync(TestMessages.Parse(TestMessages.Raw("refuse-me")))).Should().ThrowAsync<SmtpCommandException>();
        refused.Which.Message.Should().Be("5.7.1 Message refused by policy: chain-letter (AUP 4.2)");
        ((int)refused.Which.StatusCode).Should().Be(550);
        await client.DisconnectAsync(quit: true);

        (await Eventually.TrueAsync(() => sink.Messages.Count == 1)).Should().BeTrue();
        var tagged = Encoding.UTF8.GetString(sink.Messages.Single().Content);
        tagged.Should().Contain("X-MailFilter-Verdict: tag\r\nX-MailFilter-Categories: profanity\r\nX-MailFilter-Rules: profanity.mild=3\r\n");
        tagged.Should().Contain("\r\nSubject: [POLICY: profanity] Minutes tag-me\r\n");
        File.Exists(Path.Combine(gateway.QueueDirectory("hold"), held)).Should().BeTrue();
        gateway.EnvelopeJson("hold", held).Should().Contain("campaign appeal");

        // A release asked of the queue's owner in process, as the console will.
        var release = await gateway.Services.GetRequiredService<MailFilter.Gateway.Queue.Delivery.QueueOwner>().ReleaseAsync(held, "test", CancellationToken.None);
        release.Kind.Should().Be(MailFilter.Gateway.Queue.Delivery.EntryOutcomeKind.Changed);

        (await Eventually.TrueAsync(() => sink.Messages.Count == 2)).Should().BeTrue();
        Encoding.UTF8.GetString(sink.Messages.Last().Content).Should().Contain("Subject: Minutes hold-me").And.Contain("X-MailFilter-Verdict: quarantine");

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(gateway.ConsoleUrl + "/metrics");
        metrics.Should().Contain("mailfilter_messages_received_total{outcome=\"held\"}").And.Contain("mailfilter_end_of_data_reply_seconds_count");
    }
}
