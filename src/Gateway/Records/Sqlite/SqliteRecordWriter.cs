using System.Text.Json;
using MailFilter.Gateway.Records.Blobs;
using MailFilter.Gateway.Verdicts;
using Microsoft.Data.Sqlite;

namespace MailFilter.Gateway.Records.Sqlite;

/// <summary>Writes records inside one ingest transaction, its statements prepared once for the whole batch.</summary>
sealed class SqliteRecordWriter : IAsyncDisposable
{
    readonly SqliteCommand exists, lastKey, insertRecord, insertCategory, insertCoverage, insertText;
    readonly SqliteDeliveryWriter deliveries;
    readonly long ingestedAt;

    public SqliteRecordWriter(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        ingestedAt = SqliteValues.Milliseconds(now);
        exists = Prepare(connection, transaction, "SELECT 1 FROM records WHERE id = $id", "$id");
        lastKey = Prepare(connection, transaction, "SELECT max(time_key) FROM records WHERE time_key >= $first AND time_key < $after", "$first", "$after");
        insertRecord = Prepare(connection, transaction, """
            INSERT INTO records (time_key, id, received_at, client_address, client_helo, sender, recipients, from_header,
                to_header, cc_header, subject, date_header, message_id, size_bytes, sha256, direction, action, categories,
                verdict, rules_version, model_versions, series, retain_until, ingested_at)
            VALUES ($key, $id, $received_at, $client_address, $client_helo, $sender, $recipients, $from_header,
                $to_header, $cc_header, $subject, $date_header, $message_id, $size_bytes, $sha256, $direction, $action, $categories,
                $verdict, $rules_version, $model_versions, $series, $retain_until, $ingested_at)
            """,
            "$key", "$id", "$received_at", "$client_address", "$client_helo", "$sender", "$recipients", "$from_header",
            "$to_header", "$cc_header", "$subject", "$date_header", "$message_id", "$size_bytes", "$sha256", "$direction", "$action", "$categories",
            "$verdict", "$rules_version", "$model_versions", "$series", "$retain_until", "$ingested_at");
        insertCategory = Prepare(connection, transaction, "INSERT OR IGNORE INTO record_categories (category, record_key) VALUES ($category, $key)", "$category", "$key");
        insertCoverage = Prepare(connection, transaction, "INSERT INTO coverage (record_key, part, reason) VALUES ($key, $part, $reason)", "$key", "$part", "$reason");
        insertText = Prepare(connection, transaction, """
            INSERT INTO records_text (rowid, subject, sender, recipients, body, attachments)
            VALUES ($key, $subject, $sender, $recipients, $body, $attachments)
            """, "$key", "$subject", "$sender", "$recipients", "$body", "$attachments");
        deliveries = new SqliteDeliveryWriter(connection, transaction);
    }

    /// <summary>Adds the record unless one with its id is there; true when it was added.</summary>
    public async Task<bool> AddAsync(ArchiveRecord record, CancellationToken cancellationToken)
    {
        Validate(record);
        exists.Parameters["$id"].Value = record.Id;
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            return false;
        var key = await NextKeyAsync(record.ReceivedAt, cancellationToken);
        await InsertRecordAsync(key, record, cancellationToken);
        foreach (var category in record.Categories.Select(SqliteValues.Word).Distinct())
        {
            insertCategory.Parameters["$category"].Value = category;
            insertCategory.Parameters["$key"].Value = key;
            await insertCategory.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var gap in record.Coverage)
        {
            insertCoverage.Parameters["$key"].Value = key;
            insertCoverage.Parameters["$part"].Value = gap.Part;
            insertCoverage.Parameters["$reason"].Value = gap.Reason;
            await insertCoverage.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var delivery in record.Deliveries)
            await deliveries.AddAsync(key, delivery, cancellationToken);
        await InsertTextAsync(key, record.SearchText, cancellationToken);
        return true;
    }

    static void Validate(ArchiveRecord record)
    {
        if (string.IsNullOrWhiteSpace(record.Id))
            throw new ArgumentException("an archive record needs an id");
        if (!BlobName.IsValid(record.Sha256))
            throw new ArgumentException($"record {record.Id}: '{record.Sha256}' is not a lower-case hex SHA-256");
    }

    async Task<long> NextKeyAsync(DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var first = TimeKey.First(receivedAt);
        lastKey.Parameters["$first"].Value = first;
        lastKey.Parameters["$after"].Value = first + TimeKey.CounterSpan;
        var last = await lastKey.ExecuteScalarAsync(cancellationToken);
        if (last is null or DBNull)
            return first;
        var next = (long)last + 1;
        if (next >= first + TimeKey.CounterSpan)
            throw new InvalidOperationException($"more than {TimeKey.CounterSpan} records received in the millisecond {receivedAt:O}");
        return next;
    }

    async Task InsertRecordAsync(long key, ArchiveRecord record, CancellationToken cancellationToken)
    {
        var p = insertRecord.Parameters;
        p["$key"].Value = key;
        p["$id"].Value = record.Id;
        p["$received_at"].Value = SqliteValues.Milliseconds(record.ReceivedAt);
        p["$client_address"].Value = record.Envelope.ClientAddress;
        p["$client_helo"].Value = record.Envelope.ClientHelo;
        p["$sender"].Value = record.Envelope.Sender;
        p["$recipients"].Value = SqliteValues.List(record.Envelope.Recipients);
        p["$from_header"].Value = record.Headers.From;
        p["$to_header"].Value = SqliteValues.List(record.Headers.To);
        p["$cc_header"].Value = SqliteValues.List(record.Headers.Cc);
        p["$subject"].Value = record.Headers.Subject;
        p["$date_header"].Value = record.Headers.Date is { } date ? date.ToString("O") : DBNull.Value;
        p["$message_id"].Value = SqliteValues.MessageId(record.Headers.MessageId);
        p["$size_bytes"].Value = record.SizeBytes;
        p["$sha256"].Value = record.Sha256;
        p["$direction"].Value = SqliteValues.Word(record.Direction);
        p["$action"].Value = SqliteValues.Action(record.Action);
        p["$categories"].Value = SqliteValues.List(record.Categories.Select(SqliteValues.Word).Distinct().ToList());
        p["$verdict"].Value = JsonSerializer.Serialize(record.Verdict, VerdictJson.Compact);
        p["$rules_version"].Value = record.RulesVersion;
        p["$model_versions"].Value = SqliteValues.List(record.ModelVersions);
        p["$series"].Value = (object?)record.Series ?? DBNull.Value;
        p["$retain_until"].Value = record.RetainUntil is { } until ? SqliteValues.Milliseconds(until) : DBNull.Value;
        p["$ingested_at"].Value = ingestedAt;
        await insertRecord.ExecuteNonQueryAsync(cancellationToken);
    }

    async Task InsertTextAsync(long key, ArchiveSearchText text, CancellationToken cancellationToken)
    {
        var p = insertText.Parameters;
        p["$key"].Value = key;
        p["$subject"].Value = text.Subject;
        p["$sender"].Value = text.From;
        p["$recipients"].Value = text.To;
        p["$body"].Value = text.Body;
        p["$attachments"].Value = text.Attachments;
        await insertText.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { exists, lastKey, insertRecord, insertCategory, insertCoverage, insertText })
            await command.DisposeAsync();
        await deliveries.DisposeAsync();
    }
}
