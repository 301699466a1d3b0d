using System.Globalization;
using System.Text;

namespace MailFilter.Classifier.Corpus;

/// <summary>
/// Generates the project's labelled training corpus from the shipped grammar: templates × slot vocabularies ×
/// e-mail wrappers (greeting, context, sign-off, signature, quoted or forwarded history) with seeded randomness, so
/// the same seed and count always give the same rows. The split is by template, not by row: the test split's
/// templates never appear in training, so held-out scores measure generalisation past the templates. Groups marked
/// <c>train</c> in the grammar are training material only: none of their templates is held out.
/// </summary>
public sealed class CorpusGenerator
{
    public const int DefaultSeed = 5;
    public const int DefaultCount = 16000;
    public const int DefaultBlindCount = 2500;

    const double HarassingShare = 0.45;
    const double BareShare = 0.35;
    const int TestSplitPercent = 20;

    readonly Grammar grammar;
    readonly Random random;
    readonly MessageWrapper wrapper;

    CorpusGenerator(Grammar grammar, int seed)
    {
        this.grammar = grammar;
        random = new Random(seed);
        wrapper = new MessageWrapper(grammar, random);
    }

    public static IReadOnlyList<CorpusRow> Generate(int count = DefaultCount, int seed = DefaultSeed) =>
        new CorpusGenerator(Grammar.Shipped(), seed).Run(count, blind: false);

    /// <summary>
    /// The blind held-out set: rows of the <c>blind</c> groups only, all in the <c>test</c> split. Its templates were
    /// written by someone who had seen none of the training templates, so it measures how the model does on wording
    /// and an author it never met; the training corpus never contains them.
    /// </summary>
    public static IReadOnlyList<CorpusRow> GenerateBlindHeldOut(int count = DefaultBlindCount, int seed = DefaultSeed) =>
        new CorpusGenerator(Grammar.Shipped(), seed).Run(count, blind: true);

    internal static IReadOnlyList<CorpusRow> Generate(Grammar grammar, int count, int seed, bool blind = false) => new CorpusGenerator(grammar, seed).Run(count, blind);

    public static void WriteCsv(IEnumerable<CorpusRow> rows, TextWriter writer)
    {
        writer.Write("id,split,label,group,template,text\n");
        foreach (var row in rows)
            writer.Write($"{row.Id},{row.Split},{(row.Label ? 1 : 0)},{row.Group},{row.Template},{Quote(row.Text)}\n");
    }

    IReadOnlyList<CorpusRow> Run(int count, bool blind)
    {
        var harassing = grammar.Groups.Where(g => g.Harassing && g.Blind == blind).ToList();
        var clean = grammar.Groups.Where(g => !g.Harassing && g.Blind == blind).ToList();
        var rows = new List<CorpusRow>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; rows.Count < count && attempt < count * 20; attempt++)
        {
            var label = random.NextDouble() < HarassingShare;
            var group = PickWeighted(label ? harassing : clean);
            var templateIndex = random.Next(group.Templates.Count);
            var core = grammar.Expand(group.Templates[templateIndex], random);
            if (label && random.NextDouble() < 0.2)
            {
                var extra = PickWeighted(harassing);
                core += " " + grammar.Expand(extra.Templates[random.Next(extra.Templates.Count)], random);
            }
            var text = random.NextDouble() < BareShare ? Bare(core) : wrapper.Wrap(core, label, QuotesHarassment(group));
            if (!seen.Add(text))
                continue;
            var template = $"{group.Name}:{templateIndex + 1}";
            var split = blind ? "test" : group.TrainOnly ? "train" : SplitOf(template);
            rows.Add(new CorpusRow($"{(blind ? 'b' : 'g')}{rows.Count + 1:D5}", split, label, group.Name, template, text));
        }
        return rows;
    }

    /// <summary>A complaint about harassment often carries the harassing message below it, quoted or forwarded.</summary>
    bool QuotesHarassment(TemplateGroup group) => group.Name == "complaint-about-harassment" && random.NextDouble() < 0.5;

    string Bare(string core)
    {
        var roll = random.NextDouble();
        if (roll < 0.3)
            return core.ToLowerInvariant().TrimEnd('.');
        if (roll < 0.4)
            return core.TrimEnd('.') + grammar.Expand("{!|!!|!!!| smh| lol| seriously| ...}", random);
        return Capitalised(core);
    }

    TemplateGroup PickWeighted(List<TemplateGroup> candidates)
    {
        var total = candidates.Sum(g => g.Weight);
        var roll = random.Next(total);
        foreach (var group in candidates)
        {
            if (roll < group.Weight)
                return group;
            roll -= group.Weight;
        }
        return candidates[^1];
    }

    static string SplitOf(string template)
    {
        var hash = 17u;
        foreach (var c in template)
            hash = (hash ^ c) * 16777619u;
        return hash % 100 < TestSplitPercent ? "test" : "train";
    }

    internal static string Capitalised(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..] : text;

    static string Quote(string field) => "\"" + field.Replace("\"", "\"\"") + "\"";
}
