using MailFilter.Rules.Facts;
using YamlDotNet.RepresentationModel;

namespace MailFilter.Rules.Language;

/// <summary>
/// Reads a rule's <c>examples:</c> (<c>match:</c> and <c>no_match:</c> lists). An example is either a body
/// text, or a mapping with subject, body, from, to, direction, headers, external scores and attachments.
/// </summary>
internal sealed class ExampleParser(YamlNodeReader reader, DirectionResolver directions, string defaultRecipient)
{
    public List<RuleExample> Parse(YamlNode node)
    {
        var examples = new List<RuleExample>();
        if (reader.Mapping(node, "examples") is not { } map)
            return examples;
        reader.RejectUnknownKeys(map, "examples", "match", "no_match");
        foreach (var (key, value, _) in reader.Entries(map))
        {
            if (value is not YamlSequenceNode sequence)
            {
                reader.Error(value, $"examples.{key} must be a list");
                continue;
            }
            foreach (var item in sequence)
                if (Example(item) is { } facts)
                    examples.Add(new RuleExample(key == "match", facts, reader.Where(item)));
        }
        return examples;
    }

    MessageFacts? Example(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } body })
            return Build("", body, "someone@outside.example", [defaultRecipient], null, [], new Dictionary<string, double>(), []);
        if (reader.Mapping(node, "an example") is not { } map)
            return null;
        reader.RejectUnknownKeys(map, "an example", "subject", "body", "from", "to", "direction", "headers", "external", "attachments");
        var subject = reader.Child(map, "subject") is YamlScalarNode { Value: { } s } ? s : "";
        var text = reader.Child(map, "body") is YamlScalarNode { Value: { } b } ? b : "";
        var from = reader.Child(map, "from") is { } f ? reader.String(f, "from") ?? "" : "someone@outside.example";
        var to = reader.Child(map, "to") is { } t ? reader.Strings(t, "to") : [defaultRecipient];
        MessageDirection? direction = null;
        if (reader.Child(map, "direction") is { } d && reader.String(d, "direction") is { } name)
        {
            if (Enum.TryParse<MessageDirection>(name, ignoreCase: true, out var parsed))
                direction = parsed;
            else
                reader.Error(d, $"unknown direction '{name}'");
        }
        var headers = new List<HeaderField>();
        if (reader.Child(map, "headers") is { } h && reader.Mapping(h, "headers") is { } headerMap)
            foreach (var (key, value, _) in reader.Entries(headerMap))
                headers.Add(new HeaderField(key, (value as YamlScalarNode)?.Value ?? ""));
        var external = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (reader.Child(map, "external") is { } e && reader.Mapping(e, "external") is { } externalMap)
            foreach (var (key, value, _) in reader.Entries(externalMap))
                if (reader.Number(value, key) is { } score)
                    external[key] = score;
        var attachments = new List<AttachmentFacts>();
        if (reader.Child(map, "attachments") is YamlSequenceNode attachmentList)
        {
            foreach (var item in attachmentList.OfType<YamlMappingNode>())
            {
                var fileName = reader.Child(item, "name") is YamlScalarNode { Value: { } n } ? n : "";
                var type = reader.Child(item, "type") is YamlScalarNode { Value: { } ty } ? ty : "application/octet-stream";
                var size = reader.Child(item, "size") is { } sz ? reader.Size(sz, "size") ?? 0 : 0;
                attachments.Add(new AttachmentFacts(fileName, type, size, $"attachment {fileName}"));
            }
        }
        return Build(subject, text, from, to, direction, headers, external, attachments);
    }

    MessageFacts Build(string subject, string body, string from, List<string> to, MessageDirection? direction,
        List<HeaderField> headers, Dictionary<string, double> external, List<AttachmentFacts> attachments)
    {
        var sender = AddressText.Canonical(from);
        var recipients = to.Select(AddressText.Canonical).ToList();
        var texts = new List<TextSource>();
        if (subject.Length > 0) texts.Add(new TextSource(TextKind.Subject, "subject", subject));
        if (body.Length > 0) texts.Add(new TextSource(TextKind.Body, "body", body));
        headers.Insert(0, new HeaderField("Subject", subject));
        return new MessageFacts
        {
            MailFrom = sender,
            FromAddress = sender,
            Recipients = recipients,
            HeaderRecipients = recipients,
            Direction = direction ?? directions.Resolve(sender, recipients, null),
            Subject = subject,
            Texts = texts,
            Headers = headers,
            ExternalScores = external,
            Attachments = attachments,
            SizeBytes = subject.Length + body.Length,
        };
    }
}
