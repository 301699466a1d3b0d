using System.Runtime.CompilerServices;
using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Text;

namespace MailFilter.Rules.Conditions;

/// <summary>
/// <c>text:</c> / <c>subject:</c>: terms from a list occur as whole words in the chosen texts, at least
/// <c>min_hits</c> times in all and at least <c>min_distinct</c> different terms.
/// </summary>
public sealed class TextCondition(TermList terms, TextScope scope, int minHits, int minDistinct) : ICondition
{
    const int MaxEvidence = 5;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        var total = 0;
        HashSet<int>? distinct = minDistinct > 1 ? [] : null;
        var found = new List<Evidence>();
        foreach (var source in context.Facts.Texts)
        {
            if (!scope.Includes(source.Kind))
                continue;
            var hits = context.Hits(terms, source);
            total += hits.Count;
            foreach (var hit in hits)
            {
                distinct?.Add(hit.TermIndex);
                if (found.Count < MaxEvidence)
                    found.Add(source.Quote(hit.FirstToken, hit.LastToken));
            }
        }
        if (total < minHits || total == 0 || (distinct is not null && distinct.Count < minDistinct))
            return false;
        evidence.AddRange(found);
        return true;
    }
}
