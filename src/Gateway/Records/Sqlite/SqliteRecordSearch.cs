using Microsoft.Data.Sqlite;

namespace MailFilter.Gateway.Records.Sqlite;

/// <summary>
/// Turns an <see cref="ArchiveQuery"/> into one SELECT that reads in newest-first order and stops at the page: with
/// words, the full-text index drives (its rowid is the time key, so <c>ORDER BY rowid DESC LIMIT</c> walks the
/// matches newest first and stops — no sort of every match); with a category, its (category, key) index drives;
/// otherwise the records table's key (or the action/direction index) does. A date range is a key range either way.
/// </summary>
static class SqliteRecordSearch
{
    public static SqliteCommand Build(SqliteConnection connection, ArchiveQuery query)
    {
        var command = connection.CreateCommand();
        var where = new List<string>();
        string from, key;
        if (query.HasFullTextTerms)
        {
            // CROSS JOIN keeps the index as the outer loop: SQLite never reorders the tables of a CROSS JOIN.
            from = "records_text CROSS JOIN records r ON r.time_key = records_text.rowid";
            key = "records_text.rowid";
            where.Add("records_text MATCH $match");
            command.Parameters.AddWithValue("$match", FullTextQuery.Build(query));
        }
        else if (!string.IsNullOrWhiteSpace(query.Category))
        {
            from = "record_categories c CROSS JOIN records r ON r.time_key = c.record_key";
            key = "c.record_key";
        }
        else
        {
            from = "records r";
            key = "r.time_key";
        }

        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            where.Add(query.HasFullTextTerms
                ? "EXISTS (SELECT 1 FROM record_categories c WHERE c.category = $category AND c.record_key = r.time_key)"
                : "c.category = $category");
            command.Parameters.AddWithValue("$category", SqliteValues.Word(query.Category));
        }
        if (!string.IsNullOrWhiteSpace(query.MessageId))
        {
            where.Add("r.message_id = $message_id");
            command.Parameters.AddWithValue("$message_id", SqliteValues.MessageId(query.MessageId));
        }
        if (query.Action is { } action)
        {
            where.Add("r.action = $action");
            command.Parameters.AddWithValue("$action", SqliteValues.Action(action));
        }
        if (!string.IsNullOrWhiteSpace(query.Direction))
        {
            where.Add("r.direction = $direction");
            command.Parameters.AddWithValue("$direction", SqliteValues.Word(query.Direction));
        }
        AddTimeRange(command, query, where, key);

        var limit = Math.Clamp(query.Limit, 1, ArchiveQuery.MaxLimit);
        var page = Math.Max(query.Page, 1);
        command.CommandText = $"""
            SELECT {SqliteRecordReader.HitColumns}
            FROM {from}
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY {key} DESC
            LIMIT $limit OFFSET $offset
            """;
        // One more than the page: whether there is a next page, without counting every match.
        command.Parameters.AddWithValue("$limit", limit + 1);
        command.Parameters.AddWithValue("$offset", (long)(page - 1) * limit);
        return command;
    }

    static void AddTimeRange(SqliteCommand command, ArchiveQuery query, List<string> where, string key)
    {
        // Keys order as receive times to the millisecond; the exact received_at settles the edges.
        if (query.Since is { } since)
        {
            where.Add($"{key} >= $since_key AND r.received_at >= $since");
            command.Parameters.AddWithValue("$since_key", TimeKey.First(since));
            command.Parameters.AddWithValue("$since", SqliteValues.Milliseconds(since));
        }
        if (query.Until is { } until)
        {
            where.Add($"{key} < $until_key AND r.received_at < $until");
            command.Parameters.AddWithValue("$until_key", TimeKey.After(until));
            command.Parameters.AddWithValue("$until", SqliteValues.Milliseconds(until));
        }
    }
}
