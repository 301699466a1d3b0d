namespace MailFilter.Gateway.Tests.Records;

/// <summary>The RecordSearchContract suite on the embedded backend (SQLite + zstd files).</summary>
public sealed class SqliteRecordSearchTests : RecordSearchContract
{
    protected override IArchiveBackendFactory Factory => SqliteArchiveBackendFactory.Instance;
}
