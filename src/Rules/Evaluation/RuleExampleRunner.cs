using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;

namespace MailFilter.Rules.Evaluation;

/// <summary>Runs every rule's <c>examples:</c> through the whole rule set (so <c>rule:</c> references work as in production).</summary>
public static class RuleExampleRunner
{
    public sealed record Outcome(int Examples, IReadOnlyList<RuleTestFailure> Failures);

    public static Outcome Run(RuleSet ruleSet)
    {
        var engine = new RuleEngine();
        var failures = new List<RuleTestFailure>();
        var count = 0;
        foreach (var rule in ruleSet.Rules.Where(r => r.Enabled))
        {
            foreach (var example in rule.Examples)
            {
                count++;
                var verdict = engine.Evaluate(example.Message, ruleSet);
                var fired = verdict.Rules.Any(r => r.Id == rule.Id);
                if (fired != example.ShouldMatch)
                    failures.Add(new RuleTestFailure(rule.Id, example.Source, example.ShouldMatch, Describe(example.Message)));
            }
        }
        return new Outcome(count, failures);
    }

    static string Describe(MessageFacts message)
    {
        var text = string.Join(" | ", message.Texts.Select(t => t.Text));
        return text.Length <= 100 ? text : text[..100] + "…";
    }
}
