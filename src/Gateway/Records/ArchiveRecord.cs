using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Records;

/// <summary>
/// One archived message: who handed it over and to whom, what it says it is, the verdict beside it, and what became of
/// it. The bytes are not here: <see cref="Sha256"/> names the blob that holds them exactly as received.
/// </summary>
public sealed record ArchiveRecord
{
    /// <summary>The queue id the gateway gave the message (or the import's id): the record's key.</summary>
    public required string Id { get; init; }

    /// <summary>When the gateway received the message (for imported mail: its Date header), in UTC.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    public ArchiveEnvelope Envelope { get; init; } = ArchiveEnvelope.None;

    public ArchiveHeaders Headers { get; init; } = ArchiveHeaders.None;

    public long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the message bytes as received: the blob's name.</summary>
    public required string Sha256 { get; init; }

    /// <summary>inbound, outbound, internal, or unknown (imported mail).</summary>
    public string Direction { get; init; } = "unknown";

    public VerdictAction Action { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The whole verdict document, as the queue and <c>scan --json</c> carry it.</summary>
    public Verdict Verdict { get; init; } = Verdict.Pass;

    public string RulesVersion { get; init; } = "";

    /// <summary>The model versions that scored the message (e.g. the harassment classifier's).</summary>
    public IReadOnlyList<string> ModelVersions { get; init; } = [];

    /// <summary>Each recipient's outcome as delivery went on; more are appended after ingest.</summary>
    public IReadOnlyList<DeliveryEvent> Deliveries { get; init; } = [];

    /// <summary>The words the full-text index holds for this message. Written at ingest, not read back.</summary>
    public ArchiveSearchText SearchText { get; init; } = ArchiveSearchText.Empty;

    /// <summary>What the index could not see in this message (an encrypted PDF, a limit reached), one reason each.</summary>
    public IReadOnlyList<CoverageGap> Coverage { get; init; } = [];

    /// <summary>The retention series the record is filed under (set by the retention issue; null until then).</summary>
    public string? Series { get; init; }

    /// <summary>When the record's retention ends (null: not yet scheduled).</summary>
    public DateTimeOffset? RetainUntil { get; init; }
}
