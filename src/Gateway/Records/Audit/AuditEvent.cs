using System.Text.Json.Nodes;

namespace MailFilter.Gateway.Records.Audit;

/// <summary>What to record: who did what to which thing, with details (the query, the matter, the count).</summary>
/// <param name="Actor">The user or process, e.g. "clerk:jsmith", "system:archiver".</param>
/// <param name="Action">A dotted verb, e.g. "archive.search", "archive.export", "quarantine.release".</param>
/// <param name="Target">What it acted on: a record id, a matter, a file; "" when nothing in particular.</param>
/// <param name="Details">Anything else worth keeping, as a JSON object.</param>
public sealed record AuditEvent(string Actor, string Action, string Target, JsonObject? Details = null);
