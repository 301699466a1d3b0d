using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace MailFilter.Gateway.Records.Sqlite;

/// <summary>The records, their full-text index and delivery history in the archive's SQLite file.</summary>
public sealed class SqliteRecordStore(SqliteArchiveDatabase database, TimeProvider time) : IRecordStore
{
    public Task<ArchiveIngestResult> AddAsync(IReadOnlyList<ArchiveRecord> records, CancellationToken cancellationToken) =>
        AddAsync(records, [], cancellationToken);

    public async Task<ArchiveIngestResult> AddAsync(IReadOnlyList<ArchiveRecord> records, IReadOnlyList<RecordDelivery> deliveries, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        var present = new List<string>();
        if (records.Count == 0 && deliveries.Count == 0)
            return new ArchiveIngestResult(added, present);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var writer = new SqliteRecordWriter(connection, transaction, time.GetUtcNow()))
        {
            foreach (var record in records)
                (await writer.AddAsync(record, cancellationToken) ? added : present).Add(record.Id);
        }
        await WriteDeliveriesAsync(connection, transaction, deliveries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ArchiveIngestResult(added, present);
    }

    public async Task<int> AddDeliveriesAsync(IReadOnlyList<RecordDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (deliveries.Count == 0)
            return 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var added = await WriteDeliveriesAsync(connection, transaction, deliveries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    static async Task<int> WriteDeliveriesAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<RecordDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (deliveries.Count == 0)
            return 0;
        var added = 0;
        await using var writer = new SqliteDeliveryWriter(connection, transaction);
        await using var keyOf = SqliteRecordWriter.Prepare(connection, transaction, "SELECT time_key FROM records WHERE id = $id", "$id");
        foreach (var delivery in deliveries)
        {
            keyOf.Parameters["$id"].Value = delivery.RecordId;
            if (await keyOf.ExecuteScalarAsync(cancellationToken) is not long key)
                throw new KeyNotFoundException($"no archive record {delivery.RecordId} to add a delivery to");
            if (await writer.AddAsync(key, delivery.Event, cancellationToken))
                added++;
        }
        return added;
    }

    public async Task<ArchiveRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read snapshot for the record, its deliveries and its coverage (BEGIN DEFERRED touches no disk, hence sync).
        await using var transaction = connection.BeginTransaction(deferred: true);
        ArchiveRecord record;
        long key;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT {SqliteRecordReader.RecordColumns} FROM records r WHERE r.id = $id";
            command.Parameters.AddWithValue("$id", id);
            await using var row = await command.ExecuteReaderAsync(cancellationToken);
            if (!await row.ReadAsync(cancellationToken))
                return null;
            (record, key) = SqliteRecordReader.ReadRecord(row);
        }
        return record with
        {
            Deliveries = await ReadDeliveriesAsync(connection, transaction, key, cancellationToken),
            Coverage = await ReadCoverageAsync(connection, transaction, key, cancellationToken),
        };
    }

    public async Task<ArchiveSearchPage> SearchAsync(ArchiveQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, ArchiveQuery.MaxLimit);
        var hits = new List<ArchiveSearchHit>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteRecordSearch.Build(connection, query);
        try
        {
            await using var row = await command.ExecuteReaderAsync(cancellationToken);
            while (await row.ReadAsync(cancellationToken))
                hits.Add(SqliteRecordReader.ReadHit(row));
        }
        catch (SqliteException e) when (e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("no such column", StringComparison.Ordinal)
                                        || e.Message.Contains("unterminated string", StringComparison.Ordinal))
        {
            // FTS5 reports a malformed query ("fts5: syntax error near …", an unknown column filter, an unbalanced quote) as a SQL error.
            throw new ArchiveQueryException($"the search text cannot be read as a full-text query: {e.Message.Replace("SQLite Error 1: ", "")}", e);
        }
        var hasMore = hits.Count > limit;
        if (hasMore)
            hits.RemoveAt(hits.Count - 1);
        return new ArchiveSearchPage(hits, Math.Max(query.Page, 1), limit, hasMore);
    }

    public async Task<IReadOnlySet<string>> ContainsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0)
            return found;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM records WHERE id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$ids", SqliteValues.List(ids.ToList()));
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            found.Add(row.GetString(0));
        return found;
    }

    public async IAsyncEnumerable<BlobReference> ListBlobReferencesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, sha256 FROM records ORDER BY sha256, id";
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            yield return new BlobReference(row.GetString(0), row.GetString(1));
    }

    public async IAsyncEnumerable<RecordCoverage> ListCoverageAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.id, r.received_at, c.part, c.reason FROM coverage c JOIN records r ON r.time_key = c.record_key
            ORDER BY c.record_key DESC, c.rowid
            """;
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        string? id = null;
        var receivedAt = DateTimeOffset.MinValue;
        var gaps = new List<CoverageGap>();
        while (await row.ReadAsync(cancellationToken))
        {
            // Rows come grouped by record: a new id closes the previous record's list.
            if (id is not null && id != row.GetString(0))
            {
                yield return new RecordCoverage(id, receivedAt, gaps);
                gaps = [];
            }
            id = row.GetString(0);
            receivedAt = SqliteValues.Time(row.GetInt64(1));
            gaps.Add(new CoverageGap(row.GetString(2), row.GetString(3)));
        }
        if (id is not null)
            yield return new RecordCoverage(id, receivedAt, gaps);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM records";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    static async Task<IReadOnlyList<DeliveryEvent>> ReadDeliveriesAsync(SqliteConnection connection, SqliteTransaction transaction, long key, CancellationToken cancellationToken)
    {
        var events = new List<DeliveryEvent>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT recipient, outcome, reply, at FROM deliveries WHERE record_key = $key ORDER BY at, recipient";
        command.Parameters.AddWithValue("$key", key);
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            events.Add(new DeliveryEvent(row.GetString(0), row.GetString(1), row.GetString(2), SqliteValues.Time(row.GetInt64(3))));
        return events;
    }

    static async Task<IReadOnlyList<CoverageGap>> ReadCoverageAsync(SqliteConnection connection, SqliteTransaction transaction, long key, CancellationToken cancellationToken)
    {
        var gaps = new List<CoverageGap>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT part, reason FROM coverage WHERE record_key = $key ORDER BY rowid";
        command.Parameters.AddWithValue("$key", key);
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            gaps.Add(new CoverageGap(row.GetString(0), row.GetString(1)));
        return gaps;
    }
}
