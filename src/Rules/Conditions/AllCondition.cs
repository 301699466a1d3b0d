using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary><c>all:</c> every listed condition holds.</summary>
public sealed class AllCondition(IReadOnlyList<ICondition> conditions) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        var mark = evidence.Count;
        foreach (var condition in conditions)
        {
            if (!condition.Evaluate(context, evidence))
            {
                evidence.RemoveRange(mark, evidence.Count - mark);
                return false;
            }
        }
        return true;
    }
}
