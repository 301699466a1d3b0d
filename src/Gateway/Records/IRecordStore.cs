namespace MailFilter.Gateway.Records;

/// <summary>
/// The archive's records: one per accepted message, searchable by field and full text. The seam between the callers
/// (archiver, import, CLI, console) and a backend (SQLite here; PostgreSQL later): no SQL crosses it.
/// </summary>
public interface IRecordStore
{
    /// <summary>
    /// Adds a batch in one transaction, index included: all of it or none. Idempotent by id: a record already present
    /// is left as it is and reported, so a batch ingested again after a crash adds nothing twice.
    /// </summary>
    Task<ArchiveIngestResult> AddAsync(IReadOnlyList<ArchiveRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a batch of records and then delivery events in one transaction — the archiver's unit of work: one commit (one
    /// log sync) per batch. Records are idempotent as in <see cref="AddAsync(IReadOnlyList{ArchiveRecord}, CancellationToken)"/>,
    /// events as in <see cref="AddDeliveriesAsync"/>; an event may name a record added by the same call. An event for a
    /// record that is neither present nor in the batch fails the whole call.
    /// </summary>
    Task<ArchiveIngestResult> AddAsync(IReadOnlyList<ArchiveRecord> records, IReadOnlyList<RecordDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>Appends delivery events to records already present; an event already recorded is not added again. Returns how many were added.</summary>
    Task<int> AddDeliveriesAsync(IReadOnlyList<RecordDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>The whole record (verdict, delivery history, coverage), or null.</summary>
    Task<ArchiveRecord?> GetAsync(string id, CancellationToken cancellationToken);

    Task<ArchiveSearchPage> SearchAsync(ArchiveQuery query, CancellationToken cancellationToken);

    /// <summary>Which records exist among <paramref name="ids"/> (for an archiver deciding what is left to ingest).</summary>
    Task<IReadOnlySet<string>> ContainsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Every record's blob, ordered by SHA-256 (records sharing a blob come together: the verifier reads each blob once).</summary>
    IAsyncEnumerable<BlobReference> ListBlobReferencesAsync(CancellationToken cancellationToken);

    /// <summary>Every record with something the index could not see, newest first (for <c>archive coverage</c>).</summary>
    IAsyncEnumerable<RecordCoverage> ListCoverageAsync(CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);
}
