using Microsoft.Data.Sqlite;

namespace MailFilter.Gateway.Records.Sqlite;

/// <summary>
/// The archive's SQLite file (records, full-text index, audit log): WAL mode so readers (a search, <c>archive
/// verify</c>) never block the archiver, <c>synchronous=FULL</c> because a committed batch is what lets the queue
/// drop its entries — with NORMAL the last commits could roll back on power loss after the queue had let go of them.
/// One pooled connection per operation; migrations run once, on first use, under a write lock so two processes
/// (serve and a CLI verb) opening a new directory do not both migrate.
/// </summary>
public sealed class SqliteArchiveDatabase : IDisposable
{
    readonly string connectionString;
    readonly SemaphoreSlim migrateOnce = new(1, 1);
    volatile bool migrated;

    public SqliteArchiveDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>An open connection on a migrated database, with the per-connection settings applied.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!migrated)
            await MigrateAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    /// <summary>The schema version of the file (0 before the first migration).</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await UserVersionAsync(connection, null, cancellationToken);
    }

    async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A 64 MiB page cache (the default is 2 MiB) keeps the upper levels of the record indexes and the FTS b-tree in
        // memory on a million records: ingest on 200k synthetic records went from about 2,000 to 3,700 records/s.
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA cache_size = -65536;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await migrateOnce.WaitAsync(cancellationToken);
        try
        {
            if (migrated)
                return;
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                await wal.ExecuteNonQueryAsync(cancellationToken);
            }
            for (var version = 1; version <= SqliteMigrations.LatestVersion; version++)
                await ApplyAsync(connection, version, cancellationToken);
            migrated = true;
        }
        finally
        {
            migrateOnce.Release();
        }
    }

    static async Task ApplyAsync(SqliteConnection connection, int version, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var current = await UserVersionAsync(connection, transaction, cancellationToken);
        if (current > SqliteMigrations.LatestVersion)
            throw new InvalidOperationException(
                $"the archive database {connection.DataSource} has schema version {current}; this build knows up to {SqliteMigrations.LatestVersion}: upgrade mailfilter");
        if (current >= version)
            return;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"{SqliteMigrations.Steps[version - 1]}\nPRAGMA user_version = {version};";
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    static async Task<int> UserVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    public void Dispose()
    {
        using (var connection = new SqliteConnection(connectionString))
            SqliteConnection.ClearPool(connection);
        migrateOnce.Dispose();
    }
}
