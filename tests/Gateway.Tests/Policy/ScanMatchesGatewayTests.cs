using System.Text.Json;
using System.Text.Json.Nodes;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Tests.EndToEnd;
using MailFilter.Gateway.Verdicts;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MailFilter.Gateway.Tests.Policy;

/// <summary>
/// One judge: every golden sample sent through SMTP gets a verdict, and `mailfilter scan --client-ip` on the bytes the
/// gateway stored, with the same configuration, prints the very same verdict document.
/// </summary>
public class ScanMatchesGatewayTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Scan_prints_the_verdict_the_gateway_acted_on_for_every_golden_sample()
    {
        var data = Path.Combine(temp.Path, "data");
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:AcceptedDomains:0"] = "city.example",
            // Nothing listens there and the retry is an hour away: every entry keeps its verdict in the queue.
            ["Delivery:NextHop"] = $"127.0.0.1:{GatewayProcess.FreePort()}",
            ["Queue:RetrySchedule:0"] = "01:00:00",
        };
        var samples = Directory.EnumerateFiles(RepositoryPaths.Samples, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var queued = new Dictionary<string, string>();
        var refused = new List<string>();
        // Messages that name no recipient (a blind blast) go to these, and scan is told them with --rcpt.
        var hiddenRecipients = Enumerable.Range(1, 60).Select(i => new MailboxAddress("", $"staff{i:D2}@city.example")).ToList();
        var blind = new HashSet<string>();
        await using (var gateway = await GatewayTestHost.StartAsync(data, settings))
        {
            foreach (var sample in samples)
            {
                using var client = await TestMessages.ConnectAsync(gateway.EndPoint);
                try
                {
                    var message = MimeMessage.Load(sample);
                    var named = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).Any();
                    var sender = message.Sender ?? message.From.Mailboxes.First();
                    var reply = named ? await client.SendAsync(message) : await client.SendAsync(message, sender, hiddenRecipients);
                    var id = reply.Split(' ').Last();
                    queued[id] = sample;
                    if (!named)
                        blind.Add(id);
                }
                catch (SmtpCommandException rejected) when ((int)rejected.StatusCode == 550)
                {
                    refused.Add(sample);
                }
            }
            var queue = gateway.Services.GetRequiredService<MessageQueue>();
            (await Eventually.TrueAsync(() => queue.List(QueueState.Active).Count == 0)).Should().BeTrue("every delivery attempt failed and was deferred");
        }
        queued.Should().HaveCount(samples.Count - refused.Count);

        var stored = Directory.CreateDirectory(Path.Combine(temp.Path, "stored")).FullName;
        var storedBlind = Directory.CreateDirectory(Path.Combine(temp.Path, "stored-blind")).FullName;
        var gatewayVerdicts = new Dictionary<string, JsonNode>();
        foreach (var state in new[] { "deferred", "hold" })
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(data, "queue", state)))
            {
                var entry = QueueFile.Read(path);
                await using (var message = entry.Message.Open())
                await using (var copy = File.Create(Path.Combine(blind.Contains(entry.Envelope.Id) ? storedBlind : stored, entry.Envelope.Id + ".eml")))
                    await message.CopyToAsync(copy);
                gatewayVerdicts[entry.Envelope.Id] = JsonSerializer.SerializeToNode(entry.Envelope.Verdict, VerdictJson.Compact)!;
            }
        }
        gatewayVerdicts.Keys.Should().BeEquivalentTo(queued.Keys);

        string[] sameConfiguration = ["--json", "--client-ip", "127.0.0.1", "--data", data, "--Smtp:AcceptedDomains:0=city.example"];
        var scanned = RunScan(["scan", stored, .. sameConfiguration]);
        if (blind.Count > 0)
        {
            var envelope = blind.Select(id => MimeMessage.Load(queued[id])).Select(m => (m.Sender ?? m.From.Mailboxes.First()).Address).Distinct().Single();
            scanned.AddRange(RunScan(["scan", storedBlind, .. sameConfiguration, "--mail-from", envelope, .. hiddenRecipients.SelectMany(r => new[] { "--rcpt", r.Address })]));
        }
        scanned.Should().HaveCount(queued.Count);
        foreach (var line in scanned)
        {
            var verdict = JsonNode.Parse(line)!.AsObject();
            var id = Path.GetFileNameWithoutExtension(verdict["file"]!.GetValue<string>());
            verdict.Remove("file");
            var because = $"{Path.GetFileName(queued[id])} (queue id {id})";
            JsonNode.DeepEquals(verdict, gatewayVerdicts[id]).Should().BeTrue($"{because}: scan printed {verdict.ToJsonString()} but the gateway acted on {gatewayVerdicts[id].ToJsonString()}");
        }
        queued.Values.Select(Path.GetFileName).Should().Contain(name => name!.Contains(".quarantine."), "the comparison covers held mail");
        queued.Values.Select(Path.GetFileName).Should().Contain(name => name!.Contains(".tag."), "and tagged mail");
    }

    [Fact]
    public void Scan_takes_the_envelope_and_the_settings_serve_takes()
    {
        var sample = Path.Combine(RepositoryPaths.Samples, "political.quarantine.staff-campaign-appeal.eml");
        var data = Path.Combine(temp.Path, "data");

        var staff = JsonNode.Parse(RunScan("scan", sample, "--json", "--client-ip", "10.1.2.3", "--data", data,
            "--Smtp:AcceptedDomains:0", "city.example", "--Smtp:TrustedNetworks:0=10.0.0.0/8").Single())!;
        var outsider = JsonNode.Parse(RunScan("scan", sample, "--json", "--client-ip", "203.0.113.9", "--data", data,
            "--Smtp:AcceptedDomains:0=city.example", "--Smtp:TrustedNetworks:0=10.0.0.0/8",
            "--mail-from", "someone@elsewhere.example", "--rcpt", "clerk@city.example").Single())!;

        staff["direction"]!.GetValue<string>().Should().Be("internal", "a trusted client writing to local recipients is staff mail");
        staff["action"]!.GetValue<string>().Should().Be("quarantine");
        outsider["direction"]!.GetValue<string>().Should().Be("inbound", "an untrusted client is outside mail, whatever the From: says");
        outsider["action"]!.GetValue<string>().Should().NotBe("quarantine", "campaign mail from outside is tagged at most");
    }

    static List<string> RunScan(params string[] arguments)
    {
        var (exit, output, error) = MailFilterCommandLine.RunAsync(null, arguments).GetAwaiter().GetResult();
        exit.Should().Be(0, error);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
