using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;
using MailFilter.Rules.Text;

namespace MailFilter.Rules.Evaluation;

/// <summary>The state of one evaluation: the facts, the rules fired so far, and term hits already computed.</summary>
public sealed class EvaluationContext(MessageFacts facts, RuleSet ruleSet)
{
    readonly Dictionary<(TermMatcher, TextSource), List<TermHit>> allHits = [];
    readonly Dictionary<(TermList, TextSource), List<TermHit>> hits = [];

    public MessageFacts Facts { get; } = facts;

    public RuleSet RuleSet { get; } = ruleSet;

    public HashSet<string> FiredRules { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct recipients of near-identical mail from this sender in the window, when a counter was given.</summary>
    public int SimilarContentRecipients { get; init; }

    /// <summary>Term hits of one list in one text, computed once however many rules ask.</summary>
    public List<TermHit> Hits(TermList list, TextSource source)
    {
        if (hits.TryGetValue((list, source), out var found))
            return found;
        if (!allHits.TryGetValue((list.Index, source), out var all))
            allHits[(list.Index, source)] = all = list.Index.Match(source.Normalized);
        return hits[(list, source)] = list.Filter(all);
    }

    public bool InGroup(string group, string address)
    {
        if (!RuleSet.Groups.TryGetValue(group, out var members))
            return false;
        return members.Contains(address) || members.Contains(AddressText.Domain(address));
    }
}
