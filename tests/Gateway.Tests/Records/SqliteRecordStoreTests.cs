namespace MailFilter.Gateway.Tests.Records;

/// <summary>The RecordStoreContract suite on the embedded backend (SQLite + zstd files).</summary>
public sealed class SqliteRecordStoreTests : RecordStoreContract
{
    protected override IArchiveBackendFactory Factory => SqliteArchiveBackendFactory.Instance;
}
