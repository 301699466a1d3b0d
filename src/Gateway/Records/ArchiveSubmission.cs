using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Records;

/// <summary>What the gateway (or an import) knows about a message besides its bytes, handed to the <see cref="ArchiveRecordBuilder"/>.</summary>
/// <param name="Id">The queue id (or the import's id).</param>
/// <param name="ReceivedAt">When it was received, UTC.</param>
/// <param name="Envelope">The SMTP envelope.</param>
/// <param name="SizeBytes">The size as received.</param>
/// <param name="Sha256">The SHA-256 of the bytes as received (computed while spooling), lower-case hex.</param>
/// <param name="Verdict">The verdict document.</param>
public sealed record ArchiveSubmission(string Id, DateTimeOffset ReceivedAt, ArchiveEnvelope Envelope, long SizeBytes, string Sha256, Verdict Verdict)
{
    /// <summary>Delivery events already known when the record is built.</summary>
    public IReadOnlyList<DeliveryEvent> Deliveries { get; init; } = [];
}
