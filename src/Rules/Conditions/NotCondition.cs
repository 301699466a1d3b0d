using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary><c>not:</c> the inner condition does not hold. Contributes no evidence.</summary>
public sealed class NotCondition(ICondition inner) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence) => !inner.Evaluate(context, []);
}
