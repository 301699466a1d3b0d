using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary>
/// <c>scan_incomplete: true</c>: a MIME depth, part count or decoded-size limit stopped the scan early, or a
/// regex ran out of time. Rules that test it are evaluated after all others, so they see every limit hit.
/// </summary>
public sealed class ScanIncompleteCondition : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        if (context.IncompleteReasons.Count == 0)
            return false;
        evidence.AddRange(context.IncompleteReasons.Select(r => new Evidence("scan", r)));
        return true;
    }
}
