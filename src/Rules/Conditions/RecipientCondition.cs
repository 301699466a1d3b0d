using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary>
/// <c>recipients:</c> some recipient (or, with <c>every: true</c>, every recipient) is one of the given
/// addresses, domains or groups. Envelope recipients and header recipients are both considered.
/// </summary>
public sealed class RecipientCondition(AddressMatcher matcher, bool every) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        var all = context.Facts.Recipients.Concat(context.Facts.HeaderRecipients).Distinct().ToList();
        if (all.Count == 0)
            return false;
        if (every)
        {
            if (!all.All(a => matcher.Matches(context, a)))
                return false;
            evidence.Add(new Evidence("recipients", $"all {all.Count} recipients"));
            return true;
        }
        var first = all.FirstOrDefault(a => matcher.Matches(context, a));
        if (first is null)
            return false;
        evidence.Add(new Evidence("recipients", first));
        return true;
    }
}
