namespace MailFilter.Gateway.Tests.Records;

/// <summary>
/// How a backend is opened for the contract tests, and how a test tampers with what it stored behind its back (raw
/// SQL, a file edited on disk): the only backend-specific code a new backend's test classes need.
/// </summary>
public interface IArchiveBackendFactory
{
    ArchiveBackend Open(string dataDirectory, TimeProvider clock);

    /// <summary>Changes a stored blob's bytes so it still decodes but no longer hashes to its name.</summary>
    Task AlterBlobAsync(string dataDirectory, string sha256);

    /// <summary>Overwrites a stored blob with bytes that do not decode at all.</summary>
    Task CorruptBlobAsync(string dataDirectory, string sha256);

    /// <summary>Removes a stored blob behind the store's back.</summary>
    Task RemoveBlobAsync(string dataDirectory, string sha256);

    /// <summary>Changes an audit entry's target in place, as someone with write access to the database would.</summary>
    Task AlterAuditEntryAsync(string dataDirectory, long seq, string newTarget);

    /// <summary>Deletes an audit entry, as someone with write access to the database would.</summary>
    Task RemoveAuditEntryAsync(string dataDirectory, long seq);

    /// <summary>Rewrites an entry's target and recomputes its own hash (but not the chain after it).</summary>
    Task RewriteAuditEntryAsync(string dataDirectory, long seq, string newTarget);
}
