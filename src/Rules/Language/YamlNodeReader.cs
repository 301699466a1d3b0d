using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace MailFilter.Rules.Language;

/// <summary>Reads typed values out of YAML nodes, recording every problem with its file, line and column.</summary>
internal sealed class YamlNodeReader(string file, List<RuleError> errors)
{
    public string File { get; } = file;

    public void Error(YamlNode node, string message) =>
        errors.Add(new RuleError(File, (int)node.Start.Line, (int)node.Start.Column, message));

    public SourceLocation Where(YamlNode node) => new(File, (int)node.Start.Line);

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
            return mapping;
        Error(node, $"{what} must be a mapping (key: value lines)");
        return null;
    }

    public IEnumerable<(string Key, YamlNode Value, YamlNode KeyNode)> Entries(YamlMappingNode mapping)
    {
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
                yield return (name, value, key);
            else
                Error(key, "keys must be plain words");
        }
    }

    public YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public void RejectUnknownKeys(YamlMappingNode mapping, string what, params string[] known)
    {
        foreach (var (key, _, keyNode) in Entries(mapping))
            if (!known.Contains(key))
                Error(keyNode, $"unknown key '{key}' in {what}; expected one of: {string.Join(", ", known)}");
    }

    public string? String(YamlMappingNode mapping, string key, bool required, string what)
    {
        var node = Child(mapping, key);
        if (node is null)
        {
            if (required)
                Error(mapping, $"{what} needs '{key}'");
            return null;
        }
        return String(node, $"'{key}'");
    }

    public string? String(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
            return value;
        Error(node, $"{what} must be a non-empty text value");
        return null;
    }

    public double? Number(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return value;
        Error(node, $"{what} must be a number");
        return null;
    }

    public int? Integer(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
            return value;
        Error(node, $"{what} must be a whole number, 0 or more");
        return null;
    }

    public bool? Boolean(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } text } && bool.TryParse(text, out var value))
            return value;
        Error(node, $"{what} must be true or false");
        return null;
    }

    /// <summary>A size in bytes: a number, or a number with KB / MB / GB (powers of 1024).</summary>
    public long? Size(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } text })
        {
            var trimmed = text.Trim().ToUpperInvariant();
            long unit = 1;
            foreach (var (suffix, factor) in new[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1L) })
            {
                if (trimmed.EndsWith(suffix, StringComparison.Ordinal))
                {
                    unit = factor;
                    trimmed = trimmed[..^suffix.Length].Trim();
                    break;
                }
            }
            if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
                return (long)(value * unit);
        }
        Error(node, $"{what} must be a size such as 250000, 512KB or 10MB");
        return null;
    }

    /// <summary>A list of text values; a single value is accepted as a list of one.</summary>
    public List<string> Strings(YamlNode node, string what)
    {
        var result = new List<string>();
        if (node is YamlScalarNode { Value: { Length: > 0 } single })
        {
            result.Add(single);
            return result;
        }
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"{what} must be a list");
            return result;
        }
        foreach (var item in sequence)
            if (String(item, $"each item of {what}") is { } value)
                result.Add(value);
        return result;
    }
}
