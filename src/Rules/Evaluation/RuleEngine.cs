using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;
using MailFilter.Rules.MassMailing;

namespace MailFilter.Rules.Evaluation;

/// <summary>
/// Judges one message against a rule set: runs every enabled rule (a rule after the rules it references, and
/// rules that test <c>scan_incomplete</c> after all others, so that they see a limit another rule hit),
/// sums scores per category, applies exemptions in force, then thresholds. The message's action is the
/// strongest category action (reject over quarantine over tag over pass).
/// </summary>
public sealed class RuleEngine(ISimilarContentCounter? similarContent = null, TimeProvider? time = null)
{
    readonly TimeProvider time = time ?? TimeProvider.System;

    public Verdict Evaluate(MessageFacts facts, RuleSet ruleSet)
    {
        var now = time.GetUtcNow();
        var context = new EvaluationContext(facts, ruleSet) { SimilarContentRecipients = CountSimilar(facts, now) };
        var fired = new List<FiredRule>();
        foreach (var rule in ruleSet.Rules)
        {
            if (!rule.Enabled)
                continue;
            var evidence = new List<Evidence>();
            if (!rule.Condition.Evaluate(context, evidence))
                continue;
            context.FiredRules.Add(rule.Id);
            fired.Add(new FiredRule(rule.Id, rule.Category, rule.Score, rule.Description, rule.Policies, evidence));
        }

        var categories = new List<CategoryVerdict>();
        foreach (var group in fired.GroupBy(f => f.Category))
        {
            var score = Math.Round(group.Sum(f => f.Score), 3);
            var thresholds = ruleSet.ThresholdsFor(group.Key).For(facts.Direction);
            var exemption = ruleSet.Exemptions.FirstOrDefault(e =>
                e.Category == group.Key && e.IsInForce(now) && e.Condition.Evaluate(context, []));
            var action = exemption is null ? thresholds.ActionFor(score) : PolicyAction.Pass;
            categories.Add(new CategoryVerdict(group.Key, score, thresholds, action, exemption?.Id));
        }
        var overall = categories.Count == 0 ? PolicyAction.Pass : categories.Max(c => c.Action);
        return new Verdict(overall, facts.Direction, categories, fired, ruleSet.Version, context.IncompleteReasons);
    }

    int CountSimilar(MessageFacts facts, DateTimeOffset now)
    {
        if (similarContent is null || facts.MailFrom.Length == 0)
            return 0;
        var fingerprint = ContentFingerprint.Compute(facts);
        return fingerprint is null ? 0 : similarContent.Observe(facts.MailFrom, fingerprint, facts.Recipients.ToList(), now);
    }
}
