using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Blobs;
using MailFilter.Gateway.Records.Sqlite;
using Microsoft.Data.Sqlite;
using ZstdSharp;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>The embedded backend: SQLite records and audit log, zstd files for blobs, under DATA/archive.</summary>
public sealed class SqliteArchiveBackendFactory : IArchiveBackendFactory
{
    public static readonly SqliteArchiveBackendFactory Instance = new();

    public static string ArchiveDirectory(string dataDirectory) => Path.Combine(dataDirectory, "archive");

    public ArchiveBackend Open(string dataDirectory, TimeProvider clock)
    {
        var archive = ArchiveDirectory(dataDirectory);
        var database = new SqliteArchiveDatabase(ArchiveLayout.DatabasePath(archive));
        return new ArchiveBackend(
            new SqliteRecordStore(database, clock),
            new FileBlobStore(ArchiveLayout.BlobDirectory(archive)),
            new SqliteAuditLog(database, clock),
            database);
    }

    string BlobPath(string dataDirectory, string sha256) =>
        new FileBlobStore(ArchiveLayout.BlobDirectory(ArchiveDirectory(dataDirectory))).PathOf(sha256);

    public async Task AlterBlobAsync(string dataDirectory, string sha256)
    {
        var path = BlobPath(dataDirectory, sha256);
        var original = new Decompressor().Unwrap(await File.ReadAllBytesAsync(path)).ToArray();
        original[original.Length / 2] ^= 0x20;
        await File.WriteAllBytesAsync(path, new Compressor().Wrap(original).ToArray());
    }

    public Task CorruptBlobAsync(string dataDirectory, string sha256) =>
        File.WriteAllBytesAsync(BlobPath(dataDirectory, sha256), "not a zstd frame at all"u8.ToArray());

    public Task RemoveBlobAsync(string dataDirectory, string sha256)
    {
        File.Delete(BlobPath(dataDirectory, sha256));
        return Task.CompletedTask;
    }

    public Task AlterAuditEntryAsync(string dataDirectory, long seq, string newTarget) =>
        ExecuteAsync(dataDirectory, "UPDATE audit SET target = $value WHERE seq = $seq", seq, newTarget);

    public Task RemoveAuditEntryAsync(string dataDirectory, long seq) =>
        ExecuteAsync(dataDirectory, "DELETE FROM audit WHERE seq = $seq", seq, null);

    public async Task RewriteAuditEntryAsync(string dataDirectory, long seq, string newTarget)
    {
        await AlterAuditEntryAsync(dataDirectory, seq, newTarget);
        await using var connection = await OpenRawAsync(dataDirectory);
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT seq, at, actor, action, target, details, previous_hash FROM audit WHERE seq = $seq";
        read.Parameters.AddWithValue("$seq", seq);
        string hash;
        await using (var row = await read.ExecuteReaderAsync())
        {
            await row.ReadAsync();
            hash = AuditChain.Hash(row.GetString(6), row.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(1)),
                row.GetString(2), row.GetString(3), row.GetString(4), row.GetString(5));
        }
        await using var write = connection.CreateCommand();
        write.CommandText = "UPDATE audit SET hash = $hash WHERE seq = $seq";
        write.Parameters.AddWithValue("$hash", hash);
        write.Parameters.AddWithValue("$seq", seq);
        await write.ExecuteNonQueryAsync();
    }

    static async Task ExecuteAsync(string dataDirectory, string sql, long seq, string? value)
    {
        await using var connection = await OpenRawAsync(dataDirectory);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$value", (object?)value ?? DBNull.Value);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    /// <summary>A plain connection with the append-only triggers dropped: what someone with write access to the file can do.</summary>
    static async Task<SqliteConnection> OpenRawAsync(string dataDirectory)
    {
        var path = ArchiveLayout.DatabasePath(ArchiveDirectory(dataDirectory));
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = "DROP TRIGGER IF EXISTS audit_is_append_only_update; DROP TRIGGER IF EXISTS audit_is_append_only_delete;";
        await drop.ExecuteNonQueryAsync();
        return connection;
    }
}
