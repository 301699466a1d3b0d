using System.Runtime.CompilerServices;
using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Text;

namespace MailFilter.Rules.Conditions;

/// <summary>
/// <c>near:</c> a term from one list within <c>within</c> words of a term from another, in the same text
/// ("forward" near "everyone you know"). Order does not matter.
/// </summary>
public sealed class NearCondition(TermList terms, TermList with, int within, TextScope scope) : ICondition
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        var matched = false;
        foreach (var source in context.Facts.Texts)
        {
            if (!scope.Includes(source.Kind))
                continue;
            var left = context.Hits(terms, source);
            if (left.Count == 0)
                continue;
            var right = context.Hits(with, source);
            foreach (var a in left)
            {
                foreach (var b in right)
                {
                    var gap = a.FirstToken <= b.FirstToken ? b.FirstToken - a.LastToken : a.FirstToken - b.LastToken;
                    if (gap < 0 || gap > within)
                        continue;
                    var first = Math.Min(a.FirstToken, b.FirstToken);
                    var last = Math.Max(a.LastToken, b.LastToken);
                    evidence.Add(source.Quote(first, last));
                    matched = true;
                    break;
                }
                if (matched)
                    break;
            }
        }
        return matched;
    }
}
