namespace MailFilter.Gateway.Tests.Records;

/// <summary>The BlobStoreContract suite on the embedded backend (SQLite + zstd files).</summary>
public sealed class FileBlobStoreTests : BlobStoreContract
{
    protected override IArchiveBackendFactory Factory => SqliteArchiveBackendFactory.Instance;
}
