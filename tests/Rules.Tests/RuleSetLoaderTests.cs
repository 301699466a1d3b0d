using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;

namespace MailFilter.Rules.Tests;

public class RuleSetLoaderTests
{
    const string Pack = """
        category: demo
        thresholds: { tag: 1, quarantine: 5 }
        lists:
          rude: [darn, heck]
        rules:
          - id: DEMO_RUDE
            description: Rude words.
            policy: ["St. Charles County EIP I.2.c"]
            score: 2
            when:
              text: { terms: $rude }
            examples:
              match: ["darn it"]
              no_match: ["fine"]
          - id: DEMO_VERY_RUDE
            description: Rude and shouting.
            policy: ["St. Charles County EIP I.2.c"]
            score: 4
            when:
              all:
                - rule: DEMO_RUDE
                - regex: { pattern: "!{3,}" }
        """;

    static RuleSet LoadOk(TempRulesFolder folder)
    {
        var result = RuleSetLoader.Load(folder.Path);
        result.Errors.Select(e => e.ToString()).Should().BeEmpty();
        return result.RuleSet!;
    }

    static RuleError SingleError(TempRulesFolder folder)
    {
        var result = RuleSetLoader.Load(folder.Path);
        result.RuleSet.Should().BeNull();
        return result.Errors.Should().ContainSingle().Subject;
    }

    [Fact]
    public void A_valid_pack_loads_and_rules_that_reference_others_come_after_them()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack);
        var rules = LoadOk(folder);
        rules.Rules.Select(r => r.Id).Should().Equal("DEMO_RUDE", "DEMO_VERY_RUDE");
        rules.Version.Should().HaveLength(12);
        var verdict = new RuleEngine().Evaluate(TestMessages.Body("darn it!!!"), rules);
        verdict.Rules.Select(r => r.Id).Should().Equal("DEMO_RUDE", "DEMO_VERY_RUDE");
        verdict.Action.Should().Be(PolicyAction.Quarantine);
        verdict.Categories.Single().Score.Should().Be(6);
    }

    [Fact]
    public void An_unknown_key_is_refused_with_file_line_and_reason()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack.Replace("    score: 4", "    scroe: 4"));
        var errors = RuleSetLoader.Load(folder.Path).Errors;
        errors.Should().Contain(e => e.File == "demo.yaml" && e.Line == 18 && e.Message.Contains("unknown key 'scroe'"));
        errors.Should().Contain(e => e.Message.Contains("needs 'score'"));
    }

    [Fact]
    public void A_rule_without_policy_citation_is_refused()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack.Replace("    policy: [\"St. Charles County EIP I.2.c\"]\n    score: 2", "    score: 2"));
        SingleError(folder).Message.Should().Contain("needs 'policy'");
    }

    [Fact]
    public void Invalid_YAML_is_refused_with_its_line()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", "category: demo\nrules: [\n  - id: X\n");
        var error = SingleError(folder);
        error.File.Should().Be("demo.yaml");
        error.Message.Should().StartWith("not valid YAML");
        error.Line.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("text: { terms: $rude }", "text: { terms: $nope }", "unknown list '$nope'")]
    [InlineData("- rule: DEMO_RUDE", "- rule: DEMO_NOPE", "unknown rule 'DEMO_NOPE'")]
    [InlineData("pattern: \"!{3,}\"", "pattern: \"(a)\\\\1\"", "unsupported regex")]
    [InlineData("thresholds: { tag: 1, quarantine: 5 }", "thresholds: { tag: 6, quarantine: 5 }", "must rise")]
    [InlineData("id: DEMO_VERY_RUDE", "id: DEMO_RUDE", "already defined")]
    [InlineData("text: { terms: $rude }", "text: { terms: $rude, in: [footer] }", "unknown text 'footer'")]
    public void Mistakes_are_refused_with_a_reason(string find, string replace, string reason)
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack.Replace(find, replace));
        RuleSetLoader.Load(folder.Path).Errors.Should().Contain(e => e.Message.Contains(reason));
    }

    [Fact]
    public void A_category_with_rules_but_no_thresholds_is_refused()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack.Replace("thresholds: { tag: 1, quarantine: 5 }\n", ""));
        SingleError(folder).Message.Should().Contain("no thresholds");
    }

    [Fact]
    public void Site_overrides_disable_rescore_extend_lists_and_change_thresholds()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack).Write("local.d/site.yaml", """
            lists:
              rude: { add: [blast], remove: [heck] }
            thresholds:
              demo: { tag: 3 }
            overrides:
              - { rule: DEMO_RUDE, score: 3 }
              - { rule: DEMO_VERY_RUDE, disable: true }
            """);
        var rules = LoadOk(folder);
        var engine = new RuleEngine();
        var blast = engine.Evaluate(TestMessages.Body("blast it!!!"), rules);
        blast.Rules.Select(r => r.Id).Should().Equal("DEMO_RUDE");
        blast.Categories.Single().Score.Should().Be(3);
        blast.Action.Should().Be(PolicyAction.Tag);
        engine.Evaluate(TestMessages.Body("heck"), rules).Rules.Should().BeEmpty();
        rules.Files.Should().HaveCount(2);
    }

    [Fact]
    public void An_override_of_an_unknown_rule_is_refused()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack).Write("local.d/site.yaml", "overrides:\n  - { rule: NOPE, disable: true }\n");
        var error = SingleError(folder);
        error.File.Should().Be(Path.Combine("local.d", "site.yaml"));
        error.Line.Should().Be(2);
    }

    [Fact]
    public void An_exemption_in_force_passes_its_category_but_still_lists_the_rules()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack + """

            exemptions:
              - id: INVESTIGATORS
                approved_by: "Appointing Authority"
                reason: "Investigations quote people verbatim."
                expires: 2999-12-31
                when:
                  sender: { addresses: [detective@city.example] }
            """);
        var rules = LoadOk(folder);
        var verdict = new RuleEngine().Evaluate(TestMessages.Body("darn it!!!", from: "detective@city.example"), rules);
        verdict.Action.Should().Be(PolicyAction.Pass);
        verdict.Categories.Single().ExemptedBy.Should().Be("INVESTIGATORS");
        verdict.Rules.Should().HaveCount(2);
    }

    [Fact]
    public void An_expired_exemption_is_ignored_and_warned_about()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack + """

            exemptions:
              - id: OLD
                approved_by: "Director of Administration"
                reason: "United Way campaign 2020."
                expires: 2020-12-31
                when:
                  sender: { addresses: [detective@city.example] }
            """);
        var rules = LoadOk(folder);
        rules.Warnings.Should().ContainSingle().Which.Should().Contain("OLD expired");
        new RuleEngine().Evaluate(TestMessages.Body("darn it!!!", from: "detective@city.example"), rules).Action
            .Should().Be(PolicyAction.Quarantine);
    }

    [Fact]
    public void An_exemption_without_approver_or_expiry_is_refused()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack + """

            exemptions:
              - id: VAGUE
                reason: "Because."
                when:
                  sender: { addresses: [a@city.example] }
            """);
        var errors = RuleSetLoader.Load(folder.Path).Errors;
        errors.Should().Contain(e => e.Message.Contains("approved_by"));
        errors.Should().Contain(e => e.Message.Contains("expires"));
    }

    [Fact]
    public void Direction_thresholds_apply_to_their_direction_only()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml",
            Pack.Replace("thresholds: { tag: 1, quarantine: 5 }", "thresholds: { tag: 1, quarantine: 5, inbound: { quarantine: never } }"));
        var rules = LoadOk(folder);
        var engine = new RuleEngine();
        engine.Evaluate(TestMessages.Body("darn it!!!", direction: MessageDirection.Inbound), rules).Action.Should().Be(PolicyAction.Tag);
        engine.Evaluate(TestMessages.Body("darn it!!!", direction: MessageDirection.Internal), rules).Action.Should().Be(PolicyAction.Quarantine);
    }

    [Fact]
    public void External_scores_are_tested_by_name_and_a_missing_score_never_matches()
    {
        using var folder = new TempRulesFolder().Write("harassment.yaml", """
            category: harassment
            thresholds: { tag: 2, quarantine: 5 }
            rules:
              - id: HARASSMENT_CLASSIFIER_HIGH
                description: The classifier is confident.
                policy: ["St. Charles County EIP I.2.a"]
                score: 5
                when:
                  external: { name: classifier.harassment, at_least: 0.9 }
                examples:
                  match: [{ body: "x", external: { classifier.harassment: 0.95 } }]
                  no_match: [{ body: "x", external: { classifier.harassment: 0.2 } }, "no score at all"]
            """);
        var rules = LoadOk(folder);
        RuleExampleRunner.Run(rules).Failures.Should().BeEmpty();
        var verdict = new RuleEngine().Evaluate(TestMessages.Body("x", external: new Dictionary<string, double> { ["classifier.harassment"] = 0.93 }), rules);
        verdict.Action.Should().Be(PolicyAction.Quarantine);
        verdict.Rules.Single().Evidence.Single().Text.Should().Be("0.93");
    }
}
