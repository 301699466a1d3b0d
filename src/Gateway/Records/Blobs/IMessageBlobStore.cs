namespace MailFilter.Gateway.Records.Blobs;

/// <summary>
/// Message bytes, stored once and named by the SHA-256 of the bytes as received. Reading verifies them: a blob that
/// no longer hashes to its name is a <see cref="BlobIntegrityException"/>, never silently served.
/// </summary>
public interface IMessageBlobStore
{
    /// <summary>
    /// Stores the stream's bytes durably (file and directory synced) and returns their hash. Bytes already stored are
    /// not written again. When <paramref name="expectedSha256"/> is given (the hash the spool computed) and the bytes
    /// do not match it, nothing is stored and a <see cref="BlobIntegrityException"/> is thrown.
    /// </summary>
    Task<StoredBlob> PutAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken);

    /// <summary>A batch whose blobs share their directory syncs: durable once <see cref="IMessageBlobBatch.CommitAsync"/> returns.</summary>
    IMessageBlobBatch BeginBatch();

    /// <summary>The original bytes; the hash is checked as they are read and a mismatch throws at the end of the stream.</summary>
    /// <exception cref="BlobNotFoundException">No blob has that hash.</exception>
    Task<Stream> OpenAsync(string sha256, CancellationToken cancellationToken);

    bool Exists(string sha256);

    /// <summary>Reads the whole blob and says whether it is intact, altered (or undecodable) or missing.</summary>
    Task<BlobCondition> VerifyAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Removes a blob (disposition); true when there was one.</summary>
    Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken);
}
