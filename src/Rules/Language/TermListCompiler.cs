using MailFilter.Rules.Text;
using YamlDotNet.RepresentationModel;

namespace MailFilter.Rules.Language;

/// <summary>
/// Resolves <c>terms:</c> values (inline words and <c>$list</c> references) against the merged named lists and
/// compiles each distinct combination once, so rules sharing a list share its matcher and its hits.
/// </summary>
internal sealed class TermListCompiler(
    IReadOnlyDictionary<string, List<string>> lists,
    IReadOnlyDictionary<string, IReadOnlySet<string>> groups)
{
    readonly Dictionary<string, TermList> compiled = new(StringComparer.Ordinal);

    public TermList? Compile(YamlNode node, YamlNodeReader reader, string what)
    {
        var terms = new List<string>();
        foreach (var item in reader.Strings(node, what))
        {
            if (item.StartsWith('$'))
            {
                if (lists.TryGetValue(item[1..], out var list))
                    terms.AddRange(list);
                else
                    reader.Error(node, $"unknown list '{item}'; define it under lists:");
            }
            else
            {
                terms.Add(item);
            }
        }
        if (terms.Count == 0)
            return null;
        var key = string.Join('\u001f', terms);
        if (!compiled.TryGetValue(key, out var matcher))
            compiled[key] = matcher = new TermList(terms);
        return matcher;
    }

    /// <summary>Builds the one matcher over every term of every list and binds each list to it.</summary>
    public void Seal()
    {
        var shared = new TermMatcher(compiled.Values.SelectMany(l => l.Terms).Distinct(StringComparer.Ordinal).ToList());
        foreach (var list in compiled.Values)
            list.Bind(shared);
    }

    public void RequireGroup(string group, YamlNodeReader reader, YamlNode node)
    {
        if (!groups.ContainsKey(group))
            reader.Error(node, $"unknown group '{group}'; define it under groups:");
    }
}
