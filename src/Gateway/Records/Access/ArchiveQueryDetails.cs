using System.Text.Json.Nodes;
using MailFilter.Gateway.Records.Audit;

namespace MailFilter.Gateway.Records.Access;

/// <summary>A search as the audit log keeps it and a chain-of-custody statement prints it: the fields that were given, and nothing else.</summary>
public static class ArchiveQueryDetails
{
    /// <summary>The given fields as a JSON object (times as UTC ISO 8601), e.g. <c>{"text":"budget","since":"2025-03-01T06:00:00.000Z"}</c>.</summary>
    public static JsonObject ToJson(ArchiveQuery query, bool withPaging)
    {
        var json = new JsonObject();
        Add(json, "text", query.Text);
        Add(json, "from", query.From);
        Add(json, "to", query.To);
        Add(json, "subject", query.Subject);
        Add(json, "messageId", query.MessageId);
        Add(json, "category", query.Category);
        Add(json, "action", query.Action?.ToString().ToLowerInvariant());
        Add(json, "direction", query.Direction);
        Add(json, "since", query.Since is { } since ? Utc(since) : null);
        Add(json, "until", query.Until is { } until ? Utc(until) : null);
        if (withPaging)
        {
            json["limit"] = query.Limit;
            json["page"] = query.Page;
        }
        return json;
    }

    /// <summary>The given fields as a sentence a requester reads, times in <paramref name="zone"/>; "every record" when none was given.</summary>
    public static string Describe(ArchiveQuery query, TimeZoneInfo zone)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Text)) parts.Add($"text matching {query.Text.Trim()}");
        if (!string.IsNullOrWhiteSpace(query.From)) parts.Add($"from {query.From.Trim()}");
        if (!string.IsNullOrWhiteSpace(query.To)) parts.Add($"to {query.To.Trim()}");
        if (!string.IsNullOrWhiteSpace(query.Subject)) parts.Add($"subject containing {query.Subject.Trim()}");
        if (!string.IsNullOrWhiteSpace(query.MessageId)) parts.Add($"Message-ID {query.MessageId.Trim()}");
        if (!string.IsNullOrWhiteSpace(query.Category)) parts.Add($"category {query.Category.Trim()}");
        if (query.Action is { } action) parts.Add($"action {action.ToString().ToLowerInvariant()}");
        if (!string.IsNullOrWhiteSpace(query.Direction)) parts.Add($"direction {query.Direction.Trim()}");
        if (query.Since is { } since) parts.Add($"received at or after {LocalTimeInput.Format(since, zone)}");
        if (query.Until is { } until) parts.Add($"received before {LocalTimeInput.Format(until, zone)}");
        return parts.Count == 0 ? "every record" : string.Join("; ", parts);
    }

    static string Utc(DateTimeOffset time) => AuditChain.Truncate(time).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    static void Add(JsonObject json, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            json[name] = value.Trim();
    }
}
