using MailFilter.Gateway.Records.Audit;
using Microsoft.Data.Sqlite;

namespace MailFilter.Gateway.Records.Sqlite;

/// <summary>
/// The audit chain in the archive's SQLite file. Appends take the write lock (BEGIN IMMEDIATE), so serve and a CLI
/// verb appending at once still make one chain; triggers refuse UPDATE and DELETE on the table, and whoever drops them
/// to edit an entry is named by <see cref="VerifyChainAsync"/>.
/// </summary>
public sealed class SqliteAuditLog(SqliteArchiveDatabase database, TimeProvider time) : IAuditLog
{
    const string Columns = "seq, at, actor, action, target, details, previous_hash, hash";

    public async Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var details = AuditChain.Canonicalize(auditEvent.Details);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var head = await HeadAsync(connection, transaction, cancellationToken);
        var at = AuditChain.Truncate(time.GetUtcNow());
        var seq = head.Seq + 1;
        var hash = AuditChain.Hash(head.Hash, seq, at, auditEvent.Actor, auditEvent.Action, auditEvent.Target, details);
        var entry = new AuditEntry(seq, at, auditEvent.Actor, auditEvent.Action, auditEvent.Target, details, head.Hash, hash);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO audit ({Columns}) VALUES ($seq, $at, $actor, $action, $target, $details, $previous_hash, $hash)";
            insert.Parameters.AddWithValue("$seq", entry.Seq);
            insert.Parameters.AddWithValue("$at", SqliteValues.Milliseconds(entry.At));
            insert.Parameters.AddWithValue("$actor", entry.Actor);
            insert.Parameters.AddWithValue("$action", entry.Action);
            insert.Parameters.AddWithValue("$target", entry.Target);
            insert.Parameters.AddWithValue("$details", entry.Details);
            insert.Parameters.AddWithValue("$previous_hash", entry.PreviousHash);
            insert.Parameters.AddWithValue("$hash", entry.Hash);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return entry;
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditListQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, 10_000);
        var where = new List<string>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        if (query.Since is { } since)
        {
            where.Add("at >= $since");
            command.Parameters.AddWithValue("$since", SqliteValues.Milliseconds(since));
        }
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            where.Add("actor = $actor");
            command.Parameters.AddWithValue("$actor", query.Actor);
        }
        command.CommandText = $"""
            SELECT {Columns} FROM audit {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY seq LIMIT $limit OFFSET $offset
            """;
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", (long)(Math.Max(query.Page, 1) - 1) * limit);
        var entries = new List<AuditEntry>();
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            entries.Add(Read(row));
        return entries;
    }

    public async Task<AuditHead> HeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await HeadAsync(connection, null, cancellationToken);
    }

    public async Task<AuditChainReport> VerifyChainAsync(AuditHead? knownHead, CancellationToken cancellationToken)
    {
        var walk = new AuditChainWalk(knownHead);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit ORDER BY seq";
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            walk.Visit(Read(row));
        return walk.Finish();
    }

    static async Task<AuditHead> HeadAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        return await row.ReadAsync(cancellationToken) ? new AuditHead(row.GetInt64(0), row.GetString(1)) : new AuditHead(0, AuditChain.GenesisHash);
    }

    static AuditEntry Read(SqliteDataReader row) => new(
        Seq: row.GetInt64(0),
        At: SqliteValues.Time(row.GetInt64(1)),
        Actor: row.GetString(2),
        Action: row.GetString(3),
        Target: row.GetString(4),
        Details: row.GetString(5),
        PreviousHash: row.GetString(6),
        Hash: row.GetString(7));
}
