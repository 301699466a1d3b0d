using System.Text;
using System.Text.Json;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Tests.EndToEnd;
using MailFilter.Gateway.Tests.Smtp;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MailFilter.Gateway.Tests.Policy;

/// <summary>
/// The shipped rules judging real sample messages through SMTP: held mail is not delivered, tagged mail is
/// delivered marked, clean mail untouched, and a reject-level message is refused at the end of DATA. The rules
/// folder is a copy of the shipped one with a site override (local.d) that makes chain letters reject-level
/// above 12 points, as an admin would.
/// </summary>
public class RulesPolicyEndToEndTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    static MimeMessage Sample(string name) => MimeMessage.Load(Path.Combine(RepositoryPaths.Samples, name));

    string SiteRules()
    {
        var rules = Path.Combine(temp.Path, "rules");
        Directory.CreateDirectory(Path.Combine(rules, "local.d"));
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Rules, "*.yaml"))
            File.Copy(file, Path.Combine(rules, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(rules, "local.d", "site.yaml"), "thresholds:\n  chain_letter: { reject: 12 }\n");
        return rules;
    }

    [Fact]
    public async Task Chain_letters_are_held_or_refused_mild_profanity_is_tagged_and_clean_mail_passes_untouched()
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        await using var gateway = await GatewayTestHost.StartAsync(Path.Combine(temp.Path, "data"), new Dictionary<string, string?>
        {
            ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.EndPoint.Port}",
            ["Smtp:AcceptedDomains:0"] = "city.example",
            ["Gateway:RulesDirectory"] = SiteRules(),
        });
        using var client = await TestMessages.ConnectAsync(gateway.EndPoint);

        var held = (await client.SendAsync(Sample("chain_letter.quarantine.html-blessing-chain.eml"))).Split(' ').Last();
        await client.SendAsync(Sample("profanity.tag.mild-printer-rant.eml"));
        await client.SendAsync(Sample("clean.pass.council-agenda.eml"));
        var refused = await FluentActions.Awaiting(() => client.SendAsync(Sample("chain_letter.quarantine.forward-to-ten-friends.eml")))
            .Should().ThrowAsync<SmtpCommandException>();
        ((int)refused.Which.StatusCode).Should().Be(550);
        refused.Which.Message.Should().StartWith("5.7.1 Message refused by policy: chain_letter (St. Charles County EIP I.2.a");
        await client.DisconnectAsync(quit: true);

        (await Eventually.TrueAsync(() => sink.Messages.Count == 2)).Should().BeTrue();
        var delivered = sink.Messages.Select(m => Encoding.UTF8.GetString(m.Content)).ToList();
        var tagged = delivered.Single(m => m.Contains("Third floor printer"));
        tagged.Should().Contain("X-MailFilter-Verdict: tag").And.Contain("X-MailFilter-Categories: profanity")
            .And.Contain("PROFANITY_MILD").And.Contain("Subject: [POLICY: profanity] Third floor printer");
        var clean = delivered.Single(m => m.Contains("Agenda: Board of Aldermen"));
        clean.Should().NotContain("X-MailFilter-Verdict: tag").And.Contain("\r\nSubject: Agenda: Board of Aldermen, December 1\r\n");
        delivered.Should().NotContain(m => m.Contains("Blessing for you today"));

        File.Exists(Path.Combine(gateway.QueueDirectory("hold"), held)).Should().BeTrue();
        using var envelope = JsonDocument.Parse(gateway.EnvelopeJson("hold", held));
        var verdict = envelope.RootElement.GetProperty("verdict").GetRawText();
        verdict.Should().Contain("CHAIN_LETTER_FORWARD_TO_MANY").And.Contain("all your friends and family").And.Contain("chain_letter");
    }

    [Fact]
    public async Task A_rules_change_is_picked_up_by_the_running_gateway_and_a_broken_one_is_ignored()
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        var rules = SiteRules();
        await using var gateway = await GatewayTestHost.StartAsync(Path.Combine(temp.Path, "data"), new Dictionary<string, string?>
        {
            ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.EndPoint.Port}",
            ["Smtp:AcceptedDomains:0"] = "city.example",
            ["Gateway:RulesDirectory"] = rules,
        });

        var policy = gateway.Services.GetRequiredService<PolicyRules>();
        var shipped = policy.Current.Version;
        File.WriteAllText(Path.Combine(rules, "local.d", "broken.yaml"), "overrides:\n  - { rule: NO_SUCH_RULE, disable: true }\n");
        File.WriteAllText(Path.Combine(rules, "local.d", "site.yaml"), "overrides:\n  - { rule: PROFANITY_MILD, disable: true }\n");
        (await Eventually.TrueAsync(() => policy.ReloadAttempts >= 1)).Should().BeTrue();
        policy.Current.Version.Should().Be(shipped, "a set with an error is refused and the last good set stays");
        await SendAsync(gateway, "profanity.tag.mild-printer-rant.eml");
        (await Eventually.TrueAsync(() => sink.Messages.Count == 1)).Should().BeTrue();
        Encoding.UTF8.GetString(sink.Messages.Last().Content).Should().Contain("X-MailFilter-Verdict: tag");

        File.Delete(Path.Combine(rules, "local.d", "broken.yaml"));
        (await Eventually.TrueAsync(() => policy.Current.Version != shipped)).Should().BeTrue("fixing the folder is picked up without a restart");
        await SendAsync(gateway, "profanity.tag.mild-printer-rant.eml");
        (await Eventually.TrueAsync(() => sink.Messages.Count == 2)).Should().BeTrue();
        Encoding.UTF8.GetString(sink.Messages.Last().Content).Should().NotContain("X-MailFilter-Verdict: tag", "the override disabled PROFANITY_MILD");
    }

    static async Task SendAsync(GatewayTestHost gateway, string sample)
    {
        using var client = await TestMessages.ConnectAsync(gateway.EndPoint);
        await client.SendAsync(Sample(sample));
        await client.DisconnectAsync(quit: true);
    }
}
