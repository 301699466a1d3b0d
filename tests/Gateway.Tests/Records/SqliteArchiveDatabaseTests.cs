using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Sqlite;
using Microsoft.Data.Sqlite;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>The SQLite file itself: migrations from nothing, WAL, refusal of a newer schema, the append-only triggers.</summary>
public sealed class SqliteArchiveDatabaseTests : IDisposable
{
    readonly RecordsTempDirectory directory = new();

    string DatabasePath => ArchiveLayout.DatabasePath(Path.Combine(directory.Path, "archive"));

    public void Dispose() => directory.Dispose();

    static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task An_empty_directory_is_migrated_to_the_latest_schema_in_WAL_mode()
    {
        using var database = new SqliteArchiveDatabase(DatabasePath);

        await using var connection = await database.OpenAsync(CancellationToken.None);

        (await database.SchemaVersionAsync(CancellationToken.None)).Should().Be(SqliteMigrations.LatestVersion);
        (await ScalarAsync(connection, "PRAGMA journal_mode")).Should().Be("wal");
        (await ScalarAsync(connection, "PRAGMA synchronous")).Should().Be(2L, "FULL");
        (await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'records_text'")).Should().Be(1L);
    }

    [Fact]
    public async Task Opening_again_runs_no_migration_twice()
    {
        using (var first = new SqliteArchiveDatabase(DatabasePath))
            await (await first.OpenAsync(CancellationToken.None)).DisposeAsync();

        using var second = new SqliteArchiveDatabase(DatabasePath);
        await using var connection = await second.OpenAsync(CancellationToken.None);

        (await second.SchemaVersionAsync(CancellationToken.None)).Should().Be(SqliteMigrations.LatestVersion);
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused_not_damaged()
    {
        using (var database = new SqliteArchiveDatabase(DatabasePath))
        await using (var connection = await database.OpenAsync(CancellationToken.None))
            await ScalarAsync(connection, $"PRAGMA user_version = {SqliteMigrations.LatestVersion + 1}");

        using var newer = new SqliteArchiveDatabase(DatabasePath);
        var act = () => newer.OpenAsync(CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*schema version*upgrade mailfilter*");
    }

    [Fact]
    public async Task The_audit_table_refuses_update_and_delete()
    {
        using var database = new SqliteArchiveDatabase(DatabasePath);
        var audit = new SqliteAuditLog(database, TimeProvider.System);
        await audit.AppendAsync(new MailFilter.Gateway.Records.Audit.AuditEvent("clerk:jsmith", "archive.view", "R1"), CancellationToken.None);
        await using var connection = await database.OpenAsync(CancellationToken.None);

        var update = () => ScalarAsync(connection, "UPDATE audit SET actor = 'nobody'");
        var delete = () => ScalarAsync(connection, "DELETE FROM audit");

        await update.Should().ThrowAsync<SqliteException>().WithMessage("*append-only*");
        await delete.Should().ThrowAsync<SqliteException>().WithMessage("*append-only*");
    }
}
