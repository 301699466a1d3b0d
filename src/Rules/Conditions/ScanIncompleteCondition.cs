using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary><c>scan_incomplete: true</c>: a MIME depth, part count or decoded-size limit stopped the scan early.</summary>
public sealed class ScanIncompleteCondition : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        if (context.Facts.IncompleteReasons.Count == 0)
            return false;
        evidence.AddRange(context.Facts.IncompleteReasons.Select(r => new Evidence("scan", r)));
        return true;
    }
}
