using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary><c>recipient_count:</c> the envelope (RCPT TO) or header (To+Cc+Bcc) recipient count reaches a bound.</summary>
public sealed class RecipientCountCondition(int? envelopeAtLeast, int? headerAtLeast) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        var envelope = context.Facts.Recipients.Count;
        var header = context.Facts.HeaderRecipients.Count;
        if (envelopeAtLeast is { } e && envelope >= e)
        {
            evidence.Add(new Evidence("envelope", $"{envelope} recipients (RCPT TO)"));
            return true;
        }
        if (headerAtLeast is { } h && header >= h)
        {
            evidence.Add(new Evidence("header To/Cc/Bcc", $"{header} recipients"));
            return true;
        }
        return false;
    }
}
