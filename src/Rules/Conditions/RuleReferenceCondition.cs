using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary><c>rule: ID</c>: another rule fired on this message (rules are evaluated after the rules they reference).</summary>
public sealed class RuleReferenceCondition(string ruleId) : ICondition
{
    public string RuleId { get; } = ruleId;

    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        if (!context.FiredRules.Contains(RuleId))
            return false;
        evidence.Add(new Evidence("rules", $"{RuleId} fired"));
        return true;
    }
}
