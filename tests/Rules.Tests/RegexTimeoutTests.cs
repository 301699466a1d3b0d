using System.Text.RegularExpressions;
using MailFilter.Rules.Conditions;
using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;

namespace MailFilter.Rules.Tests;

/// <summary>
/// A regex that runs out of time marks the scan incomplete, like every other limit, so that a message built to be
/// slow is not a way around the rule: <c>scan_incomplete</c> fires (and holds staff mail) instead of nothing.
/// </summary>
public class RegexTimeoutTests
{
    /// <summary>A backtracking pattern that takes 2^40 steps on <see cref="Hostile"/>: certain to run out of a 1 ms budget.</summary>
    static readonly Regex Catastrophic = new("^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(1));

    static readonly string Hostile = new string('a', 40) + "!";

    static readonly RuleSet Shipped = RuleSetLoader.Load(RepositoryPaths.Rules).RuleSet!;

    static Rule HostileRule(string id, ICondition condition) => new()
    {
        Id = id, Category = "solicitation", Description = "test", Policies = ["St. Charles County EIP I.2.b"], Score = 10,
        Condition = condition, Source = new SourceLocation("test.yaml", 1),
    };

    /// <summary>The shipped set with one more rule in front, as a site pack sorted before scan_limits.yaml would be.</summary>
    static RuleSet ShippedWith(Rule first) => new()
    {
        Rules = [first, .. Shipped.Rules], Thresholds = Shipped.Thresholds, Exemptions = Shipped.Exemptions,
        Groups = Shipped.Groups, Version = Shipped.Version, Files = Shipped.Files,
    };

    static MessageFacts Facts(MessageDirection direction, string body = "Lunch at noon.", string header = "") => new()
    {
        MailFrom = "clerk@city.example", FromAddress = "clerk@city.example",
        Recipients = ["staff@city.example"], HeaderRecipients = ["staff@city.example"], Direction = direction,
        Headers = header.Length == 0 ? [] : [new HeaderField("X-Campaign", header)],
        Texts = [new TextSource(TextKind.Body, "body (text/plain)", body)],
    };

    [Fact]
    public void A_header_regex_that_times_out_marks_the_scan_incomplete_instead_of_silently_not_firing()
    {
        var rules = ShippedWith(HostileRule("SITE_HEADER", new HeaderCondition("X-Campaign", null, Catastrophic, null)));

        var verdict = new RuleEngine().Evaluate(Facts(MessageDirection.Internal, header: Hostile), rules);

        verdict.IncompleteReasons.Should().ContainSingle().Which.Should().Contain("ran out of time").And.Contain("header X-Campaign");
        verdict.Rules.Select(r => r.Id).Should().Contain("SCAN_INCOMPLETE").And.NotContain("SITE_HEADER");
        verdict.Rules.Single(r => r.Id == "SCAN_INCOMPLETE").Evidence.Should().ContainSingle(e => e.Text.Contains("X-Campaign"));
        verdict.Action.Should().Be(PolicyAction.Quarantine, "staff mail whose scan is incomplete is held");
    }

    [Fact]
    public void A_body_regex_that_times_out_marks_the_scan_incomplete_and_inbound_mail_is_tagged()
    {
        var rules = ShippedWith(HostileRule("SITE_BODY", new RegexCondition(Catastrophic, new TextScope(false, true, false))));

        var verdict = new RuleEngine().Evaluate(Facts(MessageDirection.Inbound, body: Hostile), rules);

        verdict.IncompleteReasons.Should().ContainSingle().Which.Should().Contain("ran out of time").And.Contain("body (text/plain)");
        verdict.Rules.Select(r => r.Id).Should().Contain("SCAN_INCOMPLETE").And.NotContain("SITE_BODY");
        verdict.Categories.Single(c => c.Category == "scan_incomplete").Action.Should().Be(PolicyAction.Tag, "mail from outside is tagged, not held");
    }

    [Fact]
    public void A_header_regex_that_times_out_on_one_header_still_tests_the_next()
    {
        var condition = new HeaderCondition("X-Campaign", null, Catastrophic, null);
        var facts = new MessageFacts
        {
            MailFrom = "a@b.example", Recipients = ["c@d.example"], Direction = MessageDirection.Inbound,
            Headers = [new HeaderField("X-Campaign", Hostile), new HeaderField("X-Campaign", "aaaa")],
        };
        var context = new EvaluationContext(facts, Shipped);
        var evidence = new List<Evidence>();

        condition.Evaluate(context, evidence).Should().BeTrue();

        evidence.Should().ContainSingle().Which.Text.Should().Be("aaaa");
        context.IncompleteReasons.Should().ContainSingle();
    }

    [Fact]
    public void Rules_that_test_scan_incomplete_run_after_every_other_rule_whatever_the_file_order()
    {
        using var folder = new TempRulesFolder()
            .Write("a_first.yaml", """
                category: scan_incomplete
                thresholds: { tag: 1 }
                rules:
                  - id: A_INCOMPLETE
                    description: first in file order
                    policy: ["St. Charles County EIP I.2.g"]
                    score: 1
                    when: { scan_incomplete: true }
                  - id: A_COMPLETE_AND_RUDE
                    description: depends on a rule that reads completeness
                    policy: ["St. Charles County EIP I.2.g"]
                    score: 1
                    when: { all: [ { rule: A_INCOMPLETE }, { text: { terms: [darn] } } ] }
                """)
            .Write("b_second.yaml", """
                category: demo
                thresholds: { tag: 1 }
                rules:
                  - id: B_REGEX
                    description: a regex rule after them in file order
                    policy: ["St. Charles County EIP I.2.g"]
                    score: 1
                    when: { regex: { pattern: "x+" } }
                """);

        var rules = RuleSetLoader.Load(folder.Path).RuleSet!.Rules;

        rules.Select(r => r.Id).Should().Equal("B_REGEX", "A_INCOMPLETE", "A_COMPLETE_AND_RUDE");
        rules.Select(r => r.ReadsScanCompleteness).Should().Equal(false, true, true);
    }
}
