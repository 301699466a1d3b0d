namespace MailFilter.Gateway.Records;

/// <summary>What <c>archive verify</c> can find wrong.</summary>
public enum ArchiveProblemKind
{
    /// <summary>A record's blob is gone.</summary>
    BlobMissing,

    /// <summary>A record's blob no longer hashes to its name (or no longer decompresses).</summary>
    BlobAltered,

    /// <summary>An audit entry was changed after it was written.</summary>
    AuditEntryAltered,

    /// <summary>Audit entries were removed (a gap in seq, or the chain ends before a known head).</summary>
    AuditEntryRemoved,

    /// <summary>An audit entry no longer links to the one before it, or the known head does not match.</summary>
    AuditChainBroken,
}
