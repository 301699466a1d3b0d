using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary>
/// <c>bulk_headers:</c> the message carries a mailing-list or bulk marker: <c>Precedence: bulk|list|junk</c>,
/// <c>List-Id</c>, or <c>List-Unsubscribe</c> (all three unless a subset is named).
/// </summary>
public sealed class BulkHeadersCondition(IReadOnlySet<string> markers) : ICondition
{
    public static readonly IReadOnlySet<string> AllMarkers = new HashSet<string> { "precedence", "list_id", "list_unsubscribe" };

    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        var facts = context.Facts;
        if (markers.Contains("precedence") && facts.Header("Precedence") is { } precedence
            && precedence.Trim().ToLowerInvariant() is "bulk" or "list" or "junk")
        {
            evidence.Add(new Evidence("header Precedence", precedence.Trim()));
            return true;
        }
        if (markers.Contains("list_id") && facts.Header("List-Id") is { } listId)
        {
            evidence.Add(new Evidence("header List-Id", listId.Trim()));
            return true;
        }
        if (markers.Contains("list_unsubscribe") && facts.Header("List-Unsubscribe") is { } unsubscribe)
        {
            evidence.Add(new Evidence("header List-Unsubscribe", unsubscribe.Trim()));
            return true;
        }
        return false;
    }
}
