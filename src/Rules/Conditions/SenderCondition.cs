using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary><c>sender:</c> the envelope sender or the From: address is one of the given addresses, domains or groups.</summary>
public sealed class SenderCondition(AddressMatcher matcher) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        var facts = context.Facts;
        foreach (var address in new[] { facts.MailFrom, facts.FromAddress }.Distinct())
        {
            if (matcher.Matches(context, address))
            {
                evidence.Add(new Evidence("sender", address));
                return true;
            }
        }
        return false;
    }
}
