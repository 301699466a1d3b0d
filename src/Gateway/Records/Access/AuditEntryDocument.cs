using System.Text.Json.Nodes;
using MailFilter.Gateway.Records.Audit;

namespace MailFilter.Gateway.Records.Access;

/// <summary>
/// An audit entry as <c>audit list --json</c> prints it and the console's API returns it: <c>at</c> in ISO 8601 on the
/// organisation's clock, <c>details</c> as the JSON object it is (its canonical text is what the hash covers).
/// </summary>
public sealed record AuditEntryDocument(long Seq, string At, string Actor, string Action, string Target, JsonNode? Details, string PreviousHash, string Hash)
{
    public static AuditEntryDocument Of(AuditEntry entry, TimeZoneInfo zone) =>
        new(entry.Seq, LocalTimeInput.Format(entry.At, zone), entry.Actor, entry.Action, entry.Target, ParseDetails(entry.Details), entry.PreviousHash, entry.Hash);

    /// <summary>The details as JSON; as the text they are when someone edited them into something that is not (verify names that entry).</summary>
    static JsonNode? ParseDetails(string details)
    {
        try
        {
            return JsonNode.Parse(details);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(details);
        }
    }
}
