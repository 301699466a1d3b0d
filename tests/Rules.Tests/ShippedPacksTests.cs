using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Language;

namespace MailFilter.Rules.Tests;

public class ShippedPacksTests
{
    static readonly RuleSetLoadResult Loaded = RuleSetLoader.Load(RepositoryPaths.Rules, localDomains: [RuleSet.ExampleDomain]);

    [Fact]
    public void Shipped_rules_load_without_errors()
    {
        Loaded.Errors.Select(e => e.ToString()).Should().BeEmpty();
        Loaded.Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Every_shipped_example_behaves()
    {
        var outcome = RuleExampleRunner.Run(Loaded.RuleSet!);
        outcome.Failures.Select(f => f.ToString()).Should().BeEmpty();
        outcome.Examples.Should().BeGreaterThan(50);
    }

    [Fact]
    public void Every_shipped_rule_cites_a_policy_clause_and_has_examples()
    {
        foreach (var rule in Loaded.RuleSet!.Rules)
        {
            rule.Policies.Should().NotBeEmpty(rule.Id);
            rule.Policies.Should().OnlyContain(p => p.Contains("St. Charles County") || p.Contains("Ste. Genevieve"), rule.Id);
            // These depend on other messages or on MIME limits, which one example message cannot show; unit tests cover them.
            if (rule.Id is not ("SCAN_INCOMPLETE" or "MASS_MAILING_SAME_CONTENT_REPEATED" or "MASS_MAILING_SAME_CONTENT_FLOOD"))
                rule.Examples.Should().Contain(e => e.ShouldMatch, rule.Id);
        }
    }

    [Theory]
    [InlineData("mass_mailing")]
    [InlineData("solicitation")]
    [InlineData("chain_letter")]
    [InlineData("profanity")]
    [InlineData("political")]
    public void Each_of_the_five_packs_ships_with_thresholds(string category)
    {
        Loaded.RuleSet!.Rules.Should().Contain(r => r.Category == category);
        Loaded.RuleSet.Thresholds.Should().ContainKey(category);
    }
}
