using MailFilter.Gateway.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>Binding and validation of the "Smtp" section through AddSmtp.</summary>
public class SmtpOptionsTests
{
    static async Task<SmtpOptions> BoundAsync(Dictionary<string, string?> settings)
    {
        await using var host = await SmtpTestHost.StartAsync(new RecordingReceiver(), settings);
        return host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
    }

    [Fact]
    public async Task Defaults_are_safe()
    {
        var options = await BoundAsync([]);

        options.TrustedNetworks.Should().Equal("127.0.0.0/8", "::1/128");
        options.AcceptedDomains.Should().BeEmpty();
        options.MaxCommandLineLengthOctets.Should().Be(512);
        options.MaxMessageSizeBytes.Should().Be(64L * 1024 * 1024);
        options.BareLineEndings.Should().Be(BareLineEndingPolicy.Normalize);
        options.StrictEnvelopeSyntax.Should().BeFalse("the forms real clients send are taken, as Postfix does by default");
        options.MinDataRateOctetsPerSecond.Should().Be(500);
        options.MinDataRateGracePeriod.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Configured_trusted_networks_replace_the_loopback_default()
    {
        var options = await BoundAsync(new() { ["Smtp:TrustedNetworks:0"] = "10.0.0.0/8", ["Smtp:TrustedNetworks:1"] = "2001:db8::/32" });

        options.TrustedNetworks.Should().Equal("10.0.0.0/8", "2001:db8::/32");
    }

    [Fact]
    public async Task Empty_trusted_networks_trust_nobody()
    {
        var options = await BoundAsync(new() { ["Smtp:TrustedNetworks"] = "" });

        options.TrustedNetworks.Should().BeEmpty();
    }

    [Fact]
    public async Task Limits_and_timeouts_bind_from_configuration()
    {
        var options = await BoundAsync(new()
        {
            ["Smtp:MaxMessageSizeBytes"] = "1048576",
            ["Smtp:CommandTimeout"] = "00:01:00",
            ["Smtp:BareLineEndings"] = "Reject",
            ["Smtp:AcceptedDomains:0"] = "city.example",
        });

        options.MaxMessageSizeBytes.Should().Be(1048576);
        options.CommandTimeout.Should().Be(TimeSpan.FromMinutes(1));
        options.BareLineEndings.Should().Be(BareLineEndingPolicy.Reject);
        options.AcceptedDomains.Should().Equal("city.example");
    }

    [Theory]
    [InlineData("Smtp:TrustedNetworks:0", "10.0.0.0/33", "TrustedNetworks")]
    [InlineData("Smtp:Listen", "nowhere", "Smtp:Listen")]
    [InlineData("Smtp:ServerName", "two words", "ServerName")]
    [InlineData("Smtp:AcceptedDomains:0", "bad domain", "AcceptedDomains")]
    [InlineData("Smtp:MaxCommandLineLengthOctets", "100", "MaxCommandLineLengthOctets")]
    [InlineData("Smtp:TlsCertificatePath", "/nonexistent/cert.pem", "TlsCertificatePath")]
    [InlineData("Smtp:MinDataRateOctetsPerSecond", "-1", "MinDataRateOctetsPerSecond")]
    [InlineData("Smtp:MinDataRateGracePeriod", "00:00:00", "MinDataRateGracePeriod")]
    public async Task Invalid_setting_stops_the_start_with_a_clear_message(string key, string value, string named)
    {
        var start = async () => await SmtpTestHost.StartAsync(new RecordingReceiver(), new Dictionary<string, string?> { [key] = value });

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(named);
    }
}
