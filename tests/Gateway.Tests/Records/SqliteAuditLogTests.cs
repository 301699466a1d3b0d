namespace MailFilter.Gateway.Tests.Records;

/// <summary>The AuditLogContract suite on the embedded backend (SQLite + zstd files).</summary>
public sealed class SqliteAuditLogTests : AuditLogContract
{
    protected override IArchiveBackendFactory Factory => SqliteArchiveBackendFactory.Instance;
}
