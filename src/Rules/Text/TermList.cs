using System.Runtime.CompilerServices;
namespace MailFilter.Rules.Text;

/// <summary>
/// One condition's terms, as a subset of the rule set's single <see cref="TermMatcher"/>: a message is matched
/// against every term of every list in one pass, and each list then keeps the hits of its own terms.
/// </summary>
public sealed class TermList
{
    TermMatcher? index;
    bool[] members = [];

    public TermList(IReadOnlyList<string> terms) => Terms = terms;

    public IReadOnlyList<string> Terms { get; }

    /// <summary>The shared matcher this list is part of; set when the rule set is sealed.</summary>
    public TermMatcher Index => index ?? throw new InvalidOperationException("the term list was not bound to a rule set's index");

    /// <summary>A list on its own, with a matcher of its own (tests and one-off use).</summary>
    public static TermList Standalone(IReadOnlyList<string> terms)
    {
        var list = new TermList(terms);
        list.Bind(new TermMatcher(terms.Distinct().ToList()));
        return list;
    }

    internal void Bind(TermMatcher shared)
    {
        index = shared;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < shared.Terms.Count; i++)
            ids.TryAdd(shared.Terms[i], i);
        members = new bool[shared.Terms.Count];
        foreach (var term in Terms)
            if (ids.TryGetValue(term, out var id))
                members[id] = true;
    }

    /// <summary>The hits, among all of the shared matcher's hits, that belong to this list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<TermHit> Filter(List<TermHit> all)
    {
        var mine = new List<TermHit>();
        foreach (var hit in all)
            if (members[hit.TermIndex])
                mine.Add(hit);
        return mine;
    }

    public List<TermHit> Match(NormalizedText text) => Filter(Index.Match(text));
}
