namespace MailFilter.Gateway.Records.Access;

/// <summary>
/// A search hit as <c>archive search --json</c> prints it (one per line) and the console's API returns it:
/// <c>receivedAt</c> in ISO 8601 on the organisation's clock, with its offset.
/// </summary>
public sealed record ArchiveHitDocument(
    string Id,
    string MessageId,
    string ReceivedAt,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string Action,
    IReadOnlyList<string> Categories,
    string Direction,
    long Size,
    string Sha256)
{
    public static ArchiveHitDocument Of(ArchiveSearchHit hit, TimeZoneInfo zone) => new(
        hit.Id,
        hit.MessageId,
        LocalTimeInput.Format(hit.ReceivedAt, zone),
        hit.From,
        hit.To,
        hit.Subject,
        hit.Action.ToString().ToLowerInvariant(),
        hit.Categories,
        hit.Direction,
        hit.SizeBytes,
        hit.Sha256);
}
