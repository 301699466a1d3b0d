using MailFilter.Rules.Conditions;
using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Facts;
using MailFilter.Rules.Text;
using YamlDotNet.RepresentationModel;

namespace MailFilter.Rules.Language;

/// <summary>Compiles the <c>when:</c> tree of a rule or exemption into conditions. See rules/README.md for every key.</summary>
internal sealed class ConditionParser(YamlNodeReader reader, TermListCompiler lists)
{
    public static readonly string[] Keys =
    [
        "all", "any", "not", "direction", "text", "subject", "near", "regex", "header", "sender", "recipients",
        "recipient_count", "attachment", "message_size", "bulk_headers", "external", "similar_content", "rule",
        "scan_incomplete",
    ];

    public List<string> ReferencedRules { get; } = [];

    /// <summary>Whether a <c>scan_incomplete:</c> condition was parsed.</summary>
    public bool ReadsScanCompleteness { get; private set; }

    public ICondition Parse(YamlNode node)
    {
        if (node is YamlSequenceNode sequence)
            return new AllCondition(sequence.Select(Parse).ToList());
        if (reader.Mapping(node, "a condition") is not { } mapping)
            return Never;
        if (mapping.Children.Count != 1)
        {
            reader.Error(node, $"a condition has exactly one key (one of: {string.Join(", ", Keys)}); combine several with all: or any:");
            return Never;
        }
        var (key, value, keyNode) = reader.Entries(mapping).First();
        switch (key)
        {
            case "all": return new AllCondition(Children(value, key));
            case "any": return new AnyCondition(Children(value, key));
            case "not": return new NotCondition(Parse(value));
            case "direction": return Direction(value);
            case "text": return Text(value, key, null);
            case "subject": return Text(value, key, new TextScope(true, false, false));
            case "near": return Near(value);
            case "regex": return Regex(value);
            case "header": return Header(value);
            case "sender": return new SenderCondition(Addresses(value, "sender", "every"));
            case "recipients": return Recipients(value);
            case "recipient_count": return RecipientCount(value);
            case "attachment": return Attachment(value);
            case "message_size": return MessageSize(value);
            case "bulk_headers": return BulkHeaders(value);
            case "external": return External(value);
            case "similar_content": return SimilarContent(value);
            case "rule": return RuleReference(value);
            case "scan_incomplete":
                ReadsScanCompleteness = true;
                return reader.Boolean(value, "scan_incomplete") == false ? new NotCondition(new ScanIncompleteCondition()) : new ScanIncompleteCondition();
            default:
                reader.Error(keyNode, $"unknown condition '{key}'; expected one of: {string.Join(", ", Keys)}");
                return Never;
        }
    }

    static readonly ICondition Never = new AnyCondition([]);

    List<ICondition> Children(YamlNode node, string key)
    {
        if (node is YamlSequenceNode sequence && sequence.Children.Count > 0)
            return sequence.Select(Parse).ToList();
        reader.Error(node, $"{key}: takes a non-empty list of conditions");
        return [];
    }

    ICondition Direction(YamlNode node)
    {
        var directions = new HashSet<MessageDirection>();
        foreach (var name in reader.Strings(node, "direction"))
        {
            if (Enum.TryParse<MessageDirection>(name, ignoreCase: true, out var direction))
                directions.Add(direction);
            else
                reader.Error(node, $"unknown direction '{name}'; expected inbound, outbound or internal");
        }
        return new DirectionCondition(directions);
    }

    ICondition Text(YamlNode node, string key, TextScope? fixedScope)
    {
        if (reader.Mapping(node, key) is not { } map)
            return Never;
        reader.RejectUnknownKeys(map, key, fixedScope is null ? ["terms", "in", "min_hits", "min_distinct"] : ["terms", "min_hits", "min_distinct"]);
        var terms = TermsOf(map, key);
        var scope = fixedScope ?? Scope(map);
        var minHits = reader.Child(map, "min_hits") is { } h ? reader.Integer(h, "min_hits") ?? 1 : 1;
        var minDistinct = reader.Child(map, "min_distinct") is { } d ? reader.Integer(d, "min_distinct") ?? 1 : 1;
        return terms is null ? Never : new TextCondition(terms, scope, Math.Max(minHits, 1), Math.Max(minDistinct, 1));
    }

    ICondition Near(YamlNode node)
    {
        if (reader.Mapping(node, "near") is not { } map)
            return Never;
        reader.RejectUnknownKeys(map, "near", "terms", "with", "within", "in");
        var terms = TermsOf(map, "near");
        var with = reader.Child(map, "with") is { } w ? lists.Compile(w, reader, "with") : null;
        if (with is null && reader.Child(map, "with") is null)
            reader.Error(map, "near: needs 'with' (the second term list)");
        var within = reader.Child(map, "within") is { } n ? reader.Integer(n, "within") ?? 5 : 5;
        return terms is null || with is null ? Never : new NearCondition(terms, with, within, Scope(map));
    }

    ICondition Regex(YamlNode node)
    {
        if (reader.Mapping(node, "regex") is not { } map)
            return Never;
        reader.RejectUnknownKeys(map, "regex", "pattern", "in");
        if (reader.String(map, "pattern", required: true, "regex:") is not { } pattern)
            return Never;
        return CompileRegex(map, pattern) is { } regex ? new RegexCondition(regex, Scope(map)) : Never;
    }

    System.Text.RegularExpressions.Regex? CompileRegex(YamlNode node, string pattern)
    {
        try
        {
            return RegexCondition.Compile(pattern);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            reader.Error(node, $"invalid or unsupported regex '{pattern}' (no backreferences or lookarounds): {e.Message}");
            return null;
        }
    }

    ICondition Header(YamlNode node)
    {
        if (reader.Mapping(node, "header") is not { } map)
            return Never;
        reader.RejectUnknownKeys(map, "header", "name", "exists", "matches", "terms");
        var name = reader.String(map, "name", required: true, "header:");
        var exists = reader.Child(map, "exists") is { } e ? reader.Boolean(e, "exists") : null;
        var matches = reader.Child(map, "matches") is { } m && reader.String(m, "matches") is { } p ? CompileRegex(m, p) : null;
        var terms = reader.Child(map, "terms") is { } t ? lists.Compile(t, reader, "terms") : null;
        return name is null ? Never : new HeaderCondition(name, exists, matches, terms);
    }

    ICondition Recipients(YamlNode node)
    {
        var matcher = Addresses(node, "recipients", "every");
        var every = node is YamlMappingNode map && reader.Child(map, "every") is { } e && reader.Boolean(e, "every") == true;
        return new RecipientCondition(matcher, every);
    }

    AddressMatcher Addresses(YamlNode node, string key, string extraKey)
    {
        var empty = new AddressMatcher(new HashSet<string>(), new HashSet<string>(), [], null);
        if (reader.Mapping(node, key) is not { } map)
            return empty;
        reader.RejectUnknownKeys(map, key, "addresses", "domains", "groups", "local", extraKey);
        var addresses = reader.Child(map, "addresses") is { } a ? reader.Strings(a, "addresses").Select(AddressText.Canonical).ToHashSet() : [];
        var domains = reader.Child(map, "domains") is { } d ? reader.Strings(d, "domains").Select(x => x.Trim().TrimStart('@').ToLowerInvariant()).ToHashSet() : [];
        var groups = reader.Child(map, "groups") is { } g ? reader.Strings(g, "groups") : [];
        foreach (var group in groups)
            lists.RequireGroup(group, reader, map);
        var local = reader.Child(map, "local") is { } l ? reader.Boolean(l, "local") : null;
        if (addresses.Count == 0 && domains.Count == 0 && groups.Count == 0 && local is null)
            reader.Error(map, $"{key}: needs addresses, domains, groups or local");
        return new AddressMatcher(addresses, domains, groups, local);
    }

    ICondition RecipientCount(YamlNode node)
    {
        if (reader.Mapping(node, "recipient_count") is not { } map)
            return Never;
        reader.RejectUnknownKeys(map, "recipient_count", "envelope_at_least", "header_at_least");
        var envelope = reader.Child(map, "envelope_at_least") is { } e ? reader.Integer(e, "envelope_at_least") : null;
        var header = reader.Child(map, "header_at_least") is { } h ? reader.Integer(h, "header_at_least") : null;
        if (envelope is null && header is null)
            reader.Error(map, "recipient_count: needs envelope_at_least or header_at_least");
        return new RecipientCountCondition(envelope, header);
    }

    ICondition Attachment(YamlNode node)
    {
        if (reader.Mapping(node, "attachment") is not { } map)
            return Never;
        reader.RejectUnknownKeys(map, "attachment", "names", "types", "size_at_least", "size_at_most");
        var names = reader.Child(map, "names") is { } n ? reader.Strings(n, "names") : [];
        var types = reader.Child(map, "types") is { } t ? reader.Strings(t, "types") : [];
        var min = reader.Child(map, "size_at_least") is { } a ? reader.Size(a, "size_at_least") : null;
        var max = reader.Child(map, "size_at_most") is { } b ? reader.Size(b, "size_at_most") : null;
        return new AttachmentCondition(names, types, min, max);
    }

    ICondition MessageSize(YamlNode node)
    {
        if (reader.Mapping(node, "message_size") is not { } map)
            return Never;
        reader.RejectUnknownKeys(map, "message_size", "at_least", "at_most");
        var min = reader.Child(map, "at_least") is { } a ? reader.Size(a, "at_least") : null;
        var max = reader.Child(map, "at_most") is { } b ? reader.Size(b, "at_most") : null;
        if (min is null && max is null)
            reader.Error(map, "message_size: needs at_least or at_most");
        return new MessageSizeCondition(min, max);
    }

    ICondition BulkHeaders(YamlNode node)
    {
        if (node is YamlScalarNode scalar && bool.TryParse(scalar.Value, out var all))
            return all ? new BulkHeadersCondition(BulkHeadersCondition.AllMarkers) : new NotCondition(new BulkHeadersCondition(BulkHeadersCondition.AllMarkers));
        var markers = reader.Strings(node, "bulk_headers").Select(m => m.ToLowerInvariant()).ToHashSet();
        foreach (var marker in markers.Where(m => !BulkHeadersCondition.AllMarkers.Contains(m)))
            reader.Error(node, $"unknown bulk marker '{marker}'; expected precedence, list_id or list_unsubscribe");
        return new BulkHeadersCondition(markers);
    }

    ICondition External(YamlNode node)
    {
        if (reader.Mapping(node, "external") is not { } map)
            return Never;
        reader.RejectUnknownKeys(map, "external", "name", "at_least", "below");
        var name = reader.String(map, "name", required: true, "external:");
        var atLeast = reader.Child(map, "at_least") is { } a ? reader.Number(a, "at_least") : null;
        var below = reader.Child(map, "below") is { } b ? reader.Number(b, "below") : null;
        if (atLeast is null && below is null)
            reader.Error(map, "external: needs at_least or below");
        return name is null ? Never : new ExternalScoreCondition(name, atLeast, below);
    }

    ICondition SimilarContent(YamlNode node)
    {
        if (reader.Mapping(node, "similar_content") is not { } map)
            return Never;
        reader.RejectUnknownKeys(map, "similar_content", "recipients_at_least");
        var count = reader.Child(map, "recipients_at_least") is { } c ? reader.Integer(c, "recipients_at_least") : null;
        if (count is null)
            reader.Error(map, "similar_content: needs recipients_at_least");
        return new SimilarContentCondition(Math.Max(count ?? int.MaxValue, 2));
    }

    ICondition RuleReference(YamlNode node)
    {
        if (reader.String(node, "rule:") is not { } id)
            return Never;
        ReferencedRules.Add(id);
        return new RuleReferenceCondition(id);
    }

    TermList? TermsOf(YamlMappingNode map, string key)
    {
        if (reader.Child(map, "terms") is { } node)
            return lists.Compile(node, reader, "terms");
        reader.Error(map, $"{key}: needs 'terms' (a list of words and phrases, or $list_name)");
        return null;
    }

    TextScope Scope(YamlMappingNode map)
    {
        if (reader.Child(map, "in") is not { } node)
            return TextScope.All;
        bool subject = false, body = false, attachments = false;
        foreach (var name in reader.Strings(node, "in"))
        {
            switch (name)
            {
                case "subject": subject = true; break;
                case "body": body = true; break;
                case "attachments": attachments = true; break;
                case "all": subject = body = attachments = true; break;
                default: reader.Error(node, $"unknown text '{name}' in in:; expected subject, body, attachments or all"); break;
            }
        }
        return new TextScope(subject, body, attachments);
    }
}
