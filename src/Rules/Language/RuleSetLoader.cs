using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MailFilter.Rules.Facts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MailFilter.Rules.Language;

/// <summary>
/// Loads the shipped packs (<c>*.yaml</c> in the rules folder) and then the site overrides (<c>*.yaml</c> in
/// the overrides folder, by default <c>local.d/</c> inside the rules folder), merged by rule id and list name.
/// Any error refuses the whole set, with file, line and reason: a half-loaded policy is never used.
/// </summary>
public static class RuleSetLoader
{
    public const string DefaultOverridesFolder = "local.d";

    static readonly string[] FileKeys = ["category", "description", "thresholds", "lists", "groups", "rules", "overrides", "exemptions"];
    static readonly string[] RuleKeys = ["id", "category", "description", "policy", "score", "when", "examples"];
    static readonly string[] OverrideKeys = ["rule", "disable", "score", "description"];
    static readonly string[] ExemptionKeys = ["id", "category", "approved_by", "reason", "expires", "when"];

    sealed record ParsedFile(string Path, YamlNodeReader Reader, YamlMappingNode Root, string? Category);

    /// <param name="localDomains">
    /// The organisation's own domains (the gateway's <c>Smtp:AcceptedDomains</c>): they decide direction and what
    /// <c>local:</c> and the <c>local_domains</c> group match. They are configuration, never part of a pack.
    /// </param>
    public static RuleSetLoadResult Load(string rulesDirectory, string? overridesDirectory = null, TimeProvider? time = null,
        IEnumerable<string>? localDomains = null)
    {
        var errors = new List<RuleError>();
        if (!Directory.Exists(rulesDirectory))
            return new RuleSetLoadResult(null, [new RuleError(rulesDirectory, 0, 0, "rules folder not found")]);
        overridesDirectory ??= Path.Combine(rulesDirectory, DefaultOverridesFolder);
        var paths = YamlFiles(rulesDirectory).Concat(Directory.Exists(overridesDirectory) ? YamlFiles(overridesDirectory) : []).ToList();

        var files = new List<ParsedFile>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            var text = File.ReadAllText(path);
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(path) + "\n" + text + "\n"));
            var display = Path.GetRelativePath(rulesDirectory, path);
            if (Parse(display, text, errors) is { } file)
                files.Add(file);
        }
        var version = Convert.ToHexStringLower(hash.GetHashAndReset())[..12];

        var lists = MergeNamedLists(files, "lists", errors);
        var groups = MergeNamedLists(files, "groups", errors)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Value.Select(AddressText.Canonical).ToHashSet(StringComparer.OrdinalIgnoreCase));
        if (groups.ContainsKey(RuleSet.LocalDomainsGroup))
            errors.Add(new RuleError(FileDefining(files, RuleSet.LocalDomainsGroup), 0, 0,
                $"the group '{RuleSet.LocalDomainsGroup}' comes from the gateway's Smtp:AcceptedDomains setting; remove it from the rules"));
        var local = (localDomains ?? []).Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()).Where(d => d.Length > 0)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        groups[RuleSet.LocalDomainsGroup] = local;
        var directions = new DirectionResolver(local);
        var defaultRecipient = "staff@" + (local.FirstOrDefault() ?? RuleSet.ExampleDomain);
        var compiler = new TermListCompiler(lists, groups);

        var thresholds = MergeThresholds(files);
        var rules = ParseRules(files, compiler, directions, defaultRecipient, errors);
        ApplyOverrides(files, rules, errors);
        var exemptions = ParseExemptions(files, compiler, errors, out var warnings, time ?? TimeProvider.System);

        foreach (var file in files)
            ValidateThresholds(file, errors);
        foreach (var category in rules.Values.Select(r => r.Rule.Category).Distinct().Where(c => !thresholds.ContainsKey(c)))
        {
            var first = rules.Values.First(r => r.Rule.Category == category).Rule.Source;
            errors.Add(new RuleError(first.File, first.Line, 1, $"category '{category}' has rules but no thresholds: add thresholds: with tag/quarantine/reject"));
        }
        var ordered = OrderByDependencies(rules, errors);
        compiler.Seal();

        if (errors.Count > 0)
            return new RuleSetLoadResult(null, errors);
        return new RuleSetLoadResult(new RuleSet
        {
            Rules = ordered,
            Thresholds = thresholds,
            Exemptions = exemptions,
            Groups = groups,
            Version = version,
            Files = paths,
            Warnings = warnings,
        }, []);
    }

    static string FileDefining(List<ParsedFile> files, string group) =>
        files.FirstOrDefault(f => f.Reader.Child(f.Root, "groups") is YamlMappingNode map && map.Children.Keys.Any(k => k.ToString() == group))?.Path ?? "groups";

    static IEnumerable<string> YamlFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.yaml").Concat(Directory.EnumerateFiles(directory, "*.yml")).Order(StringComparer.Ordinal);

    static ParsedFile? Parse(string display, string text, List<RuleError> errors)
    {
        var reader = new YamlNodeReader(display, errors);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            errors.Add(new RuleError(display, (int)e.Start.Line, (int)e.Start.Column, $"not valid YAML: {e.InnerException?.Message ?? e.Message}"));
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return null;
        if (reader.Mapping(stream.Documents[0].RootNode, "a rules file") is not { } root)
            return null;
        reader.RejectUnknownKeys(root, "a rules file", FileKeys);
        var category = reader.Child(root, "category") is { } c ? reader.String(c, "category") : null;
        return new ParsedFile(display, reader, root, category);
    }

    /// <summary>Lists and groups: a list value defines a name (once); a mapping with add:/remove: extends one.</summary>
    static Dictionary<string, List<string>> MergeNamedLists(List<ParsedFile> files, string key, List<RuleError> errors)
    {
        var merged = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pass in new[] { true, false })
        {
            foreach (var file in files)
            {
                if (file.Reader.Child(file.Root, key) is not { } node || file.Reader.Mapping(node, key) is not { } map)
                    continue;
                foreach (var (name, value, keyNode) in file.Reader.Entries(map))
                {
                    var isDefinition = value is not YamlMappingNode;
                    if (isDefinition != pass)
                        continue;
                    if (isDefinition)
                    {
                        if (merged.ContainsKey(name))
                            file.Reader.Error(keyNode, $"{key} '{name}' is already defined; extend it with add:/remove: instead");
                        else
                            merged[name] = file.Reader.Strings(value, $"{key}.{name}");
                        continue;
                    }
                    var change = (YamlMappingNode)value;
                    file.Reader.RejectUnknownKeys(change, $"{key}.{name}", "add", "remove");
                    if (!merged.TryGetValue(name, out var list))
                    {
                        file.Reader.Error(keyNode, $"cannot extend unknown {key} '{name}'");
                        continue;
                    }
                    if (file.Reader.Child(change, "add") is { } add)
                        list.AddRange(file.Reader.Strings(add, "add"));
                    if (file.Reader.Child(change, "remove") is { } remove)
                        foreach (var item in file.Reader.Strings(remove, "remove"))
                            list.RemoveAll(x => string.Equals(x, item, StringComparison.OrdinalIgnoreCase));
                }
            }
        }
        return merged;
    }

    static Dictionary<string, CategoryThresholds> MergeThresholds(List<ParsedFile> files)
    {
        var merged = new Dictionary<string, CategoryThresholds>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.Reader.Child(file.Root, "thresholds") is not YamlMappingNode node)
                continue;
            if (file.Category is not null)
            {
                merged[file.Category] = ReadThresholds(file.Reader, node, merged.GetValueOrDefault(file.Category));
                continue;
            }
            foreach (var (category, value, _) in file.Reader.Entries(node))
                if (file.Reader.Mapping(value, $"thresholds.{category}") is { } map)
                    merged[category] = ReadThresholds(file.Reader, map, merged.GetValueOrDefault(category));
        }
        return merged;
    }

    static readonly string[] ThresholdKeys = ["tag", "quarantine", "reject", "inbound", "outbound", "internal"];

    static CategoryThresholds ReadThresholds(YamlNodeReader reader, YamlMappingNode map, CategoryThresholds? previous)
    {
        reader.RejectUnknownKeys(map, "thresholds", ThresholdKeys);
        var general = ReadLevels(reader, map, previous);
        var byDirection = new Dictionary<MessageDirection, CategoryThresholds>(previous?.ByDirection ?? new Dictionary<MessageDirection, CategoryThresholds>());
        foreach (var direction in Enum.GetValues<MessageDirection>())
        {
            var key = direction.ToString().ToLowerInvariant();
            if (reader.Child(map, key) is not { } node || reader.Mapping(node, $"thresholds.{key}") is not { } specific)
                continue;
            reader.RejectUnknownKeys(specific, $"thresholds.{key}", "tag", "quarantine", "reject");
            byDirection[direction] = ReadLevels(reader, specific, general);
        }
        return general with { ByDirection = byDirection };
    }

    /// <summary>tag / quarantine / reject from one mapping; keys left out keep <paramref name="previous"/>'s value.</summary>
    static CategoryThresholds ReadLevels(YamlNodeReader reader, YamlMappingNode map, CategoryThresholds? previous)
    {
        double? Read(string key, double? old) => reader.Child(map, key) switch
        {
            null => old,
            YamlScalarNode { Value: "never" or "null" or "~" or "" } => null,
            var n => reader.Number(n, $"thresholds.{key}"),
        };
        return new CategoryThresholds(Read("tag", previous?.Tag), Read("quarantine", previous?.Quarantine), Read("reject", previous?.Reject));
    }

    static void ValidateThresholds(ParsedFile file, List<RuleError> errors)
    {
        if (file.Reader.Child(file.Root, "thresholds") is not YamlMappingNode node)
            return;
        var thresholds = file.Category is not null
            ? [(file.Category, node)]
            : file.Reader.Entries(node).Where(e => e.Value is YamlMappingNode).Select(e => (e.Key, (YamlMappingNode)e.Value)).ToList();
        foreach (var (category, map) in thresholds)
        {
            var all = ReadThresholds(new YamlNodeReader(file.Path, []), map, null);
            foreach (var t in all.ByDirection.Values.Prepend(all))
            {
                var steps = new[] { t.Tag, t.Quarantine, t.Reject }.Where(v => v is not null).Select(v => v!.Value).ToList();
                if (steps.Any(v => v <= 0))
                    file.Reader.Error(map, $"thresholds for '{category}' must be greater than 0 (a score of 0 would act on every message)");
                if (!steps.SequenceEqual(steps.Order()))
                    file.Reader.Error(map, $"thresholds for '{category}' must rise: tag <= quarantine <= reject");
            }
        }
    }

    sealed record ParsedRule(Rule Rule, YamlNodeReader Reader, YamlNode Node);

    static Dictionary<string, ParsedRule> ParseRules(List<ParsedFile> files, TermListCompiler compiler,
        DirectionResolver directions, string defaultRecipient, List<RuleError> errors)
    {
        var rules = new Dictionary<string, ParsedRule>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.Reader.Child(file.Root, "rules") is not { } node)
                continue;
            if (node is not YamlSequenceNode sequence)
            {
                file.Reader.Error(node, "rules: must be a list of rules");
                continue;
            }
            foreach (var item in sequence)
            {
                if (ParseRule(file, item, compiler, directions, defaultRecipient) is not { } rule)
                    continue;
                if (rules.TryGetValue(rule.Id, out var existing))
                    file.Reader.Error(item, $"rule id '{rule.Id}' is already defined at {existing.Rule.Source}; change a shipped rule with overrides:");
                else
                    rules[rule.Id] = new ParsedRule(rule, file.Reader, item);
            }
        }
        return rules;
    }

    static Rule? ParseRule(ParsedFile file, YamlNode node, TermListCompiler compiler, DirectionResolver directions, string defaultRecipient)
    {
        var reader = file.Reader;
        if (reader.Mapping(node, "a rule") is not { } map)
            return null;
        reader.RejectUnknownKeys(map, "a rule", RuleKeys);
        var id = reader.String(map, "id", required: true, "a rule");
        var what = id is null ? "a rule" : $"rule {id}";
        var category = reader.Child(map, "category") is { } c ? reader.String(c, "category") : file.Category;
        if (category is null)
            reader.Error(map, $"{what} needs 'category' (or a category: at the top of the file)");
        var description = reader.String(map, "description", required: true, what);
        var policies = reader.Child(map, "policy") is { } p ? reader.Strings(p, "policy") : [];
        if (policies.Count == 0)
            reader.Error(map, $"{what} needs 'policy': the clause(s) of the policy it enforces");
        var score = reader.Child(map, "score") is { } s ? reader.Number(s, "score") : null;
        if (reader.Child(map, "score") is null)
            reader.Error(map, $"{what} needs 'score'");
        var parser = new ConditionParser(reader, compiler);
        var when = reader.Child(map, "when");
        if (when is null)
            reader.Error(map, $"{what} needs 'when': its conditions");
        var condition = when is null ? null : parser.Parse(when);
        var examples = reader.Child(map, "examples") is { } e ? new ExampleParser(reader, directions, defaultRecipient).Parse(e) : [];
        if (id is null || category is null || description is null || score is null || condition is null)
            return null;
        return new Rule
        {
            Id = id, Category = category, Description = description, Policies = policies, Score = score.Value,
            Condition = condition, Examples = examples, DependsOn = parser.ReferencedRules,
            ReadsScanCompleteness = parser.ReadsScanCompleteness, Source = reader.Where(node),
        };
    }

    static void ApplyOverrides(List<ParsedFile> files, Dictionary<string, ParsedRule> rules, List<RuleError> errors)
    {
        foreach (var file in files)
        {
            var reader = file.Reader;
            if (reader.Child(file.Root, "overrides") is not { } node)
                continue;
            if (node is not YamlSequenceNode sequence)
            {
                reader.Error(node, "overrides: must be a list");
                continue;
            }
            foreach (var item in sequence)
            {
                if (reader.Mapping(item, "an override") is not { } map)
                    continue;
                reader.RejectUnknownKeys(map, "an override", OverrideKeys);
                if (reader.String(map, "rule", required: true, "an override") is not { } id)
                    continue;
                if (!rules.TryGetValue(id, out var parsed))
                {
                    reader.Error(map, $"override of unknown rule '{id}'");
                    continue;
                }
                var rule = parsed.Rule;
                if (reader.Child(map, "disable") is { } d && reader.Boolean(d, "disable") is { } disable)
                    rule = rule with { Enabled = !disable };
                if (reader.Child(map, "score") is { } s && reader.Number(s, "score") is { } score)
                    rule = rule with { Score = score };
                if (reader.Child(map, "description") is { } desc && reader.String(desc, "description") is { } text)
                    rule = rule with { Description = text };
                rules[id] = parsed with { Rule = rule };
            }
        }
    }

    static List<Exemption> ParseExemptions(List<ParsedFile> files, TermListCompiler compiler, List<RuleError> errors,
        out List<string> warnings, TimeProvider time)
    {
        var exemptions = new List<Exemption>();
        warnings = [];
        foreach (var file in files)
        {
            var reader = file.Reader;
            if (reader.Child(file.Root, "exemptions") is not { } node)
                continue;
            if (node is not YamlSequenceNode sequence)
            {
                reader.Error(node, "exemptions: must be a list");
                continue;
            }
            foreach (var item in sequence)
            {
                if (reader.Mapping(item, "an exemption") is not { } map)
                    continue;
                reader.RejectUnknownKeys(map, "an exemption", ExemptionKeys);
                var id = reader.String(map, "id", required: true, "an exemption");
                var category = reader.Child(map, "category") is { } c ? reader.String(c, "category") : file.Category;
                if (category is null)
                    reader.Error(map, "an exemption needs 'category'");
                var approvedBy = reader.String(map, "approved_by", required: true, "an exemption");
                var reason = reader.String(map, "reason", required: true, "an exemption");
                DateOnly? expires = null;
                if (reader.String(map, "expires", required: true, "an exemption") is { } e)
                {
                    if (DateOnly.TryParseExact(e, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        expires = date;
                    else
                        reader.Error(map, $"expires '{e}' must be a date like 2027-06-30");
                }
                var when = reader.Child(map, "when");
                if (when is null)
                    reader.Error(map, "an exemption needs 'when': which messages it covers");
                var parser = new ConditionParser(reader, compiler);
                var condition = when is null ? null : parser.Parse(when);
                if (parser.ReferencedRules.Count > 0)
                    reader.Error(map, "an exemption cannot test rule:; name the senders, recipients or content instead");
                if (id is null || category is null || approvedBy is null || reason is null || expires is null || condition is null)
                    continue;
                var exemption = new Exemption
                {
                    Id = id, Category = category, ApprovedBy = approvedBy, Reason = reason, Expires = expires.Value,
                    Condition = condition, Source = reader.Where(item),
                };
                if (!exemption.IsInForce(time.GetUtcNow()))
                    warnings.Add($"{exemption.Source}: exemption {id} expired on {expires:yyyy-MM-dd} and is ignored");
                exemptions.Add(exemption);
            }
        }
        return exemptions;
    }

    /// <summary>
    /// File order, except that a rule using <c>rule:</c> comes after the rules it names, and rules that read the
    /// scan's completeness (themselves or through <c>rule:</c>) come after all others.
    /// </summary>
    static List<Rule> OrderByDependencies(Dictionary<string, ParsedRule> rules, List<RuleError> errors)
    {
        var ordered = OrderByReferences(rules);
        var late = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in ordered)
            if (rule.ReadsScanCompleteness || rule.DependsOn.Any(late.Contains))
                late.Add(rule.Id);
        return [.. ordered.Where(r => !late.Contains(r.Id)), .. ordered.Where(r => late.Contains(r.Id)).Select(r => r with { ReadsScanCompleteness = true })];
    }

    static List<Rule> OrderByReferences(Dictionary<string, ParsedRule> rules)
    {
        var ordered = new List<Rule>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        void Visit(ParsedRule parsed)
        {
            var id = parsed.Rule.Id;
            if (state.TryGetValue(id, out var s))
            {
                if (s == 1)
                    parsed.Reader.Error(parsed.Node, $"rule {id} depends on itself through rule: references");
                return;
            }
            state[id] = 1;
            foreach (var dependency in parsed.Rule.DependsOn)
            {
                if (rules.TryGetValue(dependency, out var target))
                    Visit(target);
                else
                    parsed.Reader.Error(parsed.Node, $"rule {id} refers to unknown rule '{dependency}'");
            }
            state[id] = 2;
            ordered.Add(parsed.Rule);
        }
        foreach (var parsed in rules.Values)
            Visit(parsed);
        return ordered;
    }
}
