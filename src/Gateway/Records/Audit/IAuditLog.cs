namespace MailFilter.Gateway.Records.Audit;

/// <summary>
/// The append-only, hash-chained log of every view, search, export, import, hold, release and disposal: each entry's
/// hash covers the previous entry's hash and its own fields, so altering or removing one breaks the chain after it.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends an entry at the head of the chain (one writer at a time, across processes) and returns it.</summary>
    Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Entries in order (oldest first), filtered and paged.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditListQuery query, CancellationToken cancellationToken);

    /// <summary>The last entry's seq and hash (seq 0 and <see cref="AuditChain.GenesisHash"/> for an empty log).</summary>
    Task<AuditHead> HeadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Walks the whole chain and reports every break by seq. Removing the last entries leaves no break inside the
    /// chain: pass a head kept elsewhere (printed in an export, logged daily) as <paramref name="knownHead"/> to catch that too.
    /// </summary>
    Task<AuditChainReport> VerifyChainAsync(AuditHead? knownHead, CancellationToken cancellationToken);
}
