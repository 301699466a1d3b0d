using Microsoft.Data.Sqlite;

namespace MailFilter.Gateway.Records.Sqlite;

/// <summary>Adds delivery events; an event already recorded (same record, time, recipient, outcome) is not added again.</summary>
sealed class SqliteDeliveryWriter(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
{
    readonly SqliteCommand insert = SqliteRecordWriter.Prepare(connection, transaction, """
        INSERT OR IGNORE INTO deliveries (record_key, at, recipient, outcome, reply) VALUES ($key, $at, $recipient, $outcome, $reply)
        """, "$key", "$at", "$recipient", "$outcome", "$reply");

    /// <summary>True when the event was new.</summary>
    public async Task<bool> AddAsync(long recordKey, DeliveryEvent delivery, CancellationToken cancellationToken)
    {
        var p = insert.Parameters;
        p["$key"].Value = recordKey;
        p["$at"].Value = SqliteValues.Milliseconds(delivery.At);
        p["$recipient"].Value = delivery.Recipient;
        p["$outcome"].Value = SqliteValues.Word(delivery.Outcome);
        p["$reply"].Value = delivery.Reply;
        return await insert.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public ValueTask DisposeAsync() => insert.DisposeAsync();
}
