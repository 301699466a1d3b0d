using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;
using MailFilter.Rules.Text;

namespace MailFilter.Rules.Evaluation;

/// <summary>
/// The state of one evaluation: the facts, the rules fired so far, term hits already computed, and why the scan
/// is incomplete — the limits the facts builder hit, and any a condition hits while it runs.
/// </summary>
public sealed class EvaluationContext(MessageFacts facts, RuleSet ruleSet)
{
    const int MaxIncompleteReasons = 8;

    readonly Dictionary<(TermMatcher, TextSource), List<TermHit>> allHits = [];
    readonly Dictionary<(TermList, TextSource), List<TermHit>> hits = [];
    readonly List<string> incompleteReasons = [.. facts.IncompleteReasons];

    public MessageFacts Facts { get; } = facts;

    public RuleSet RuleSet { get; } = ruleSet;

    public HashSet<string> FiredRules { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct recipients of near-identical mail from this sender in the window, when a counter was given.</summary>
    public int SimilarContentRecipients { get; init; }

    /// <summary>Why the scan could not read or test the whole message; empty when it did.</summary>
    public IReadOnlyList<string> IncompleteReasons => incompleteReasons;

    /// <summary>
    /// A condition could not test all it should (a regex ran out of time): the scan is incomplete like any other
    /// limit, so <c>scan_incomplete</c> fires, instead of the rule silently not firing.
    /// </summary>
    public void MarkIncomplete(string reason)
    {
        if (incompleteReasons.Count < MaxIncompleteReasons && !incompleteReasons.Contains(reason))
            incompleteReasons.Add(reason);
    }

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
