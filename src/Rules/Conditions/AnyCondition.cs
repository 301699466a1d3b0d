using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary><c>any:</c> at least one listed condition holds; evidence from every one that holds is kept.</summary>
public sealed class AnyCondition(IReadOnlyList<ICondition> conditions) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        var any = false;
        foreach (var condition in conditions)
            any |= condition.Evaluate(context, evidence);
        return any;
    }
}
