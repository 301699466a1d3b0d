using System.Text;

namespace MailFilter.Classifier.Corpus;

/// <summary>
/// The corpus templates and slot vocabularies (see <c>Grammar/*.txt</c>). <c>@name</c> starts a slot whose lines
/// are its alternatives; <c>@@harass NAME WEIGHT</c> or <c>@@clean NAME WEIGHT</c> starts a template group, and
/// <c>@@harass NAME WEIGHT train</c> starts one whose templates are all training templates (never held out), and
/// <c>@@harass NAME WEIGHT blind</c> one of the blind held-out set, kept out of the training corpus.
/// In a line, <c>{slot}</c> expands a slot, <c>{x|y|}</c> picks one choice, <c>{a}</c> is "a" or "an" as the next word
/// needs, and <c>\n</c> is a line break.
/// </summary>
internal sealed class Grammar
{
    const int MaxDepth = 12;
    const char Article = '\u0001';

    readonly Dictionary<string, List<string>> slots = new(StringComparer.Ordinal);
    readonly List<TemplateGroup> groups = [];

    public IReadOnlyList<TemplateGroup> Groups => groups;

    public static Grammar Parse(IEnumerable<(string Name, string Text)> files)
    {
        var grammar = new Grammar();
        foreach (var (name, text) in files)
            grammar.ParseFile(name, text);
        return grammar;
    }

    public static Grammar Shipped()
    {
        var assembly = typeof(Grammar).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("MailFilter.Classifier.Corpus.Grammar.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n, reader.ReadToEnd());
            });
        return Parse(files);
    }

    public bool HasSlot(string name) => slots.ContainsKey(name);

    public string Expand(string template, Random random)
    {
        var expanded = new StringBuilder();
        ExpandInto(expanded, template, random, 0);
        return Finish(expanded);
    }

    public string Pick(string slot, Random random) => Expand("{" + slot + "}", random);

    void ParseFile(string file, string text)
    {
        List<string>? current = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r', ' ');
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                var parts = line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length is not (3 or 4) || parts[0] is not ("harass" or "clean") || !int.TryParse(parts[2], out var weight)
                    || weight <= 0 || (parts.Length == 4 && parts[3] is not ("train" or "blind")))
                    throw new InvalidDataException($"{file}:{lineNumber}: expected '@@harass|clean NAME WEIGHT [train|blind]'");
                if (groups.Any(g => g.Name == parts[1]))
                    throw new InvalidDataException($"{file}:{lineNumber}: group {parts[1]} is defined twice");
                current = [];
                groups.Add(new TemplateGroup(parts[1], parts[0] == "harass", weight, current, TrainOnly: parts.Length == 4 && parts[3] == "train", Blind: parts.Length == 4 && parts[3] == "blind"));
            }
            else if (line.StartsWith('@'))
            {
                current = [];
                if (!slots.TryAdd(line[1..].Trim(), current))
                    throw new InvalidDataException($"{file}:{lineNumber}: slot {line} is defined twice");
            }
            else if (current is null)
            {
                throw new InvalidDataException($"{file}:{lineNumber}: text before any @slot or @@group");
            }
            else
            {
                current.Add(line.Replace("\\n", "\n"));
            }
        }
    }

    void ExpandInto(StringBuilder output, string template, Random random, int depth)
    {
        if (depth > MaxDepth)
            throw new InvalidDataException($"Template expansion too deep at '{template}'");
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                output.Append(template[i]);
                continue;
            }
            var close = MatchingBrace(template, i);
            var inner = template[(i + 1)..close];
            i = close;
            var choices = SplitTopLevel(inner);
            if (choices.Count > 1)
                ExpandInto(output, choices[random.Next(choices.Count)], random, depth + 1);
            else if (inner == "a")
                output.Append(Article);
            else if (slots.TryGetValue(inner, out var alternatives) && alternatives.Count > 0)
                ExpandInto(output, alternatives[random.Next(alternatives.Count)], random, depth + 1);
            else
                throw new InvalidDataException($"Unknown slot {{{inner}}}");
        }
    }

    static int MatchingBrace(string template, int open)
    {
        var depth = 0;
        for (var j = open; j < template.Length; j++)
        {
            if (template[j] == '{')
                depth++;
            else if (template[j] == '}' && --depth == 0)
                return j;
        }
        throw new InvalidDataException($"Unclosed brace in '{template}'");
    }

    static List<string> SplitTopLevel(string inner)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var j = 0; j < inner.Length; j++)
        {
            if (inner[j] == '{')
                depth++;
            else if (inner[j] == '}')
                depth--;
            else if (inner[j] == '|' && depth == 0)
            {
                parts.Add(inner[start..j]);
                start = j + 1;
            }
        }
        parts.Add(inner[start..]);
        return parts;
    }

    static string Finish(StringBuilder expanded)
    {
        for (var i = 0; i < expanded.Length; i++)
        {
            if (expanded[i] != Article)
                continue;
            var next = i + 1;
            while (next < expanded.Length && expanded[next] == ' ')
                next++;
            var vowel = next < expanded.Length && "aeiouAEIOU".Contains(expanded[next]);
            expanded.Remove(i, 1).Insert(i, vowel ? "an" : "a");
        }
        return expanded.ToString().Replace("  ", " ").Replace(" ,", ",").Replace(" .", ".").Trim();
    }
}
