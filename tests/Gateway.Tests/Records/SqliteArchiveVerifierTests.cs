namespace MailFilter.Gateway.Tests.Records;

/// <summary>The ArchiveVerifierContract suite on the embedded backend (SQLite + zstd files).</summary>
public sealed class SqliteArchiveVerifierTests : ArchiveVerifierContract
{
    protected override IArchiveBackendFactory Factory => SqliteArchiveBackendFactory.Instance;
}
