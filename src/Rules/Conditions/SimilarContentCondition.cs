using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary>
/// <c>similar_content:</c> the same sender has sent near-identical content (same body fingerprint) to at least
/// <c>recipients_at_least</c> distinct recipients within the gateway's window, this message included.
/// </summary>
public sealed class SimilarContentCondition(int recipientsAtLeast) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        if (context.SimilarContentRecipients < recipientsAtLeast)
            return false;
        evidence.Add(new Evidence("body fingerprint", $"near-identical content sent to {context.SimilarContentRecipients} recipients in the window"));
        return true;
    }
}
