namespace MailFilter.Rules.Evaluation;

/// <summary>One test a rule makes. Adds what it matched to <paramref name="evidence"/> when it holds.</summary>
public interface ICondition
{
    bool Evaluate(EvaluationContext context, List<Evidence> evidence);
}
