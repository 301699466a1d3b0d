using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Records.Access;

/// <summary>
/// A whole record as <c>archive show --json</c> prints it and the console's API returns it: the hit's fields, the
/// envelope and headers, the verdict document, the delivery history and what the index could not see. Times are ISO
/// 8601 on the organisation's clock, with their offset.
/// </summary>
public sealed record ArchiveRecordDocument(
    string Id,
    string MessageId,
    string ReceivedAt,
    string From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string? Date,
    string Action,
    IReadOnlyList<string> Categories,
    string Direction,
    long Size,
    string Sha256,
    ArchiveEnvelope Envelope,
    Verdict Verdict,
    string RulesVersion,
    IReadOnlyList<string> ModelVersions,
    IReadOnlyList<ArchiveRecordDocument.Delivery> Deliveries,
    IReadOnlyList<CoverageGap> Coverage,
    string? Series,
    string? RetainUntil)
{
    /// <summary>One delivery event, its time on the organisation's clock.</summary>
    public sealed record Delivery(string At, string Recipient, string Outcome, string Reply);

    public static ArchiveRecordDocument Of(ArchiveRecord record, TimeZoneInfo zone) => new(
        record.Id,
        record.Headers.MessageId,
        LocalTimeInput.Format(record.ReceivedAt, zone),
        record.Headers.From,
        record.Headers.To,
        record.Headers.Cc,
        record.Headers.Subject,
        record.Headers.Date?.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        record.Action.ToString().ToLowerInvariant(),
        record.Categories,
        record.Direction,
        record.SizeBytes,
        record.Sha256,
        record.Envelope,
        record.Verdict,
        record.RulesVersion,
        record.ModelVersions,
        record.Deliveries.Select(d => new Delivery(LocalTimeInput.Format(d.At, zone), d.Recipient, d.Outcome, d.Reply)).ToList(),
        record.Coverage,
        record.Series,
        record.RetainUntil is { } until ? LocalTimeInput.Format(until, zone) : null);
}
