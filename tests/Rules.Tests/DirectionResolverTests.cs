using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;

namespace MailFilter.Rules.Tests;

/// <summary>The one place direction is decided: the client's trust first, the sender's address only when no client is known.</summary>
public class DirectionResolverTests
{
    static readonly DirectionResolver Directions = new(["city.example"]);
    static readonly ClientFacts Trusted = new("10.0.0.5", "mail.city.example", null, IsTrusted: true);
    static readonly ClientFacts Untrusted = new("203.0.113.9", "mx.elsewhere.example", null, IsTrusted: false);

    [Theory]
    [InlineData("clerk@city.example", "staff@city.example", "Internal")]
    [InlineData("clerk@city.example", "friend@elsewhere.example", "Outbound")]
    [InlineData("clerk@city.example", "detective@police.city.example", "Internal")]
    public void A_trusted_client_is_staff(string sender, string recipient, string expected) =>
        Directions.Resolve(sender, [recipient], Trusted).ToString().Should().Be(expected);

    [Fact]
    public void A_local_sender_address_from_an_untrusted_client_is_outside_mail() =>
        Directions.Resolve("mayor@city.example", ["staff@city.example"], Untrusted).Should().Be(MessageDirection.Inbound);

    [Fact]
    public void Without_a_client_the_sender_address_decides() =>
        Directions.Resolve("mayor@city.example", ["staff@city.example"], null).Should().Be(MessageDirection.Internal);

    [Fact]
    public void A_pack_cannot_define_the_organisations_domains()
    {
        using var folder = new TempRulesFolder().Write("groups.yaml", "groups:\n  local_domains: [city.example]\n");

        var result = RuleSetLoader.Load(folder.Path, localDomains: ["city.example"]);

        result.Errors.Should().ContainSingle(e => e.Message.Contains("Smtp:AcceptedDomains"));
    }

    [Fact]
    public void The_configured_domains_are_the_local_domains_group()
    {
        using var folder = new TempRulesFolder().Write("groups.yaml", "groups:\n  council: [council@city.example]\n");

        var rules = RuleSetLoader.Load(folder.Path, localDomains: ["City.Example."]).RuleSet!;

        rules.Groups[RuleSet.LocalDomainsGroup].Should().BeEquivalentTo(["city.example"]);
        rules.Directions.IsLocal("clerk@parks.city.example").Should().BeTrue();
    }
}
