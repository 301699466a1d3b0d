using System.Text;
using System.Text.Json;
using MailFilter.Gateway.Tests.EndToEnd;
using MailFilter.Gateway.Tests.Smtp;
using MimeKit;

namespace MailFilter.Gateway.Tests.Policy;

/// <summary>
/// The classifier's score reaches the shipped harassment pack inside the running gateway: a demeaning message
/// with no profanity is held for review with the probability and the sentence that drove it in the queue entry's verdict,
/// and HR's harassment-training notice is delivered untagged.
/// </summary>
public class HarassmentEndToEndTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    static MimeMessage Sample(string name) => MimeMessage.Load(Path.Combine(RepositoryPaths.Samples, "harassment", name));

    [Fact]
    public async Task An_insult_to_a_coworker_is_held_with_its_reasons_and_hr_training_text_passes()
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        await using var gateway = await GatewayTestHost.StartAsync(Path.Combine(temp.Path, "data"), new Dictionary<string, string?>
        {
            ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.EndPoint.Port}",
            ["Smtp:AcceptedDomains:0"] = "city.example",
        });
        using var client = await TestMessages.ConnectAsync(gateway.EndPoint);

        var held = (await client.SendAsync(Sample("harassment-insult-to-coworker.eml"))).Split(' ').Last();
        await client.SendAsync(Sample("harassment-hard-negative-hr-training.eml"));
        await client.DisconnectAsync(quit: true);

        (await Eventually.TrueAsync(() => sink.Messages.Count == 1)).Should().BeTrue();
        Encoding.UTF8.GetString(sink.Messages.Single().Content).Should().NotContain("X-MailFilter-Verdict: tag");

        File.Exists(Path.Combine(gateway.QueueDirectory("hold"), held)).Should().BeTrue("a confident harassment score quarantines the message");
        using var envelope = JsonDocument.Parse(gateway.EnvelopeJson("hold", held));
        var verdict = envelope.RootElement.GetProperty("verdict");
        var text = verdict.GetRawText();
        text.Should().Contain("HARASSMENT_CLASSIFIER_CONFIDENT");
        verdict.GetProperty("classifier").GetProperty("harassment").GetDouble().Should().BeGreaterThan(0.99);
        var score = verdict.GetProperty("external").EnumerateArray().Single();
        score.GetProperty("name").GetString().Should().Be("classifier.harassment");
        score.GetProperty("value").GetDouble().Should().BeGreaterThan(0.99);
        score.GetProperty("sentences").EnumerateArray().Should().Contain(s => s.GetProperty("score").GetDouble() > 0.9 && s.GetProperty("text").GetString()!.Length > 0);
    }
}
