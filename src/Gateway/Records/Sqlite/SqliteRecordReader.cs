using System.Globalization;
using System.Text.Json;
using MailFilter.Gateway.Verdicts;
using Microsoft.Data.Sqlite;

namespace MailFilter.Gateway.Records.Sqlite;

/// <summary>Reads hits and whole records from rows selected with <see cref="HitColumns"/> or <see cref="RecordColumns"/>.</summary>
static class SqliteRecordReader
{
    public const string HitColumns =
        "r.id, r.message_id, r.received_at, r.from_header, r.to_header, r.subject, r.action, r.categories, r.direction, r.size_bytes, r.sha256";

    public const string RecordColumns = HitColumns +
        ", r.client_address, r.client_helo, r.sender, r.recipients, r.cc_header, r.date_header, r.verdict, r.rules_version," +
        " r.model_versions, r.series, r.retain_until, r.time_key";

    public static ArchiveSearchHit ReadHit(SqliteDataReader row) => new(
        Id: row.GetString(0),
        MessageId: row.GetString(1),
        ReceivedAt: SqliteValues.Time(row.GetInt64(2)),
        From: row.GetString(3),
        To: SqliteValues.List(row.GetString(4)),
        Subject: row.GetString(5),
        Action: SqliteValues.Action(row.GetString(6)),
        Categories: SqliteValues.List(row.GetString(7)),
        Direction: row.GetString(8),
        SizeBytes: row.GetInt64(9),
        Sha256: row.GetString(10));

    /// <summary>The record without its delivery history and coverage (read separately), and its time key.</summary>
    public static (ArchiveRecord Record, long Key) ReadRecord(SqliteDataReader row)
    {
        var hit = ReadHit(row);
        var record = new ArchiveRecord
        {
            Id = hit.Id,
            ReceivedAt = hit.ReceivedAt,
            Envelope = new ArchiveEnvelope(row.GetString(11), row.GetString(12), row.GetString(13), SqliteValues.List(row.GetString(14))),
            Headers = new ArchiveHeaders
            {
                From = hit.From,
                To = hit.To,
                Cc = SqliteValues.List(row.GetString(15)),
                Subject = hit.Subject,
                Date = row.IsDBNull(16) ? null : DateTimeOffset.Parse(row.GetString(16), CultureInfo.InvariantCulture),
                MessageId = hit.MessageId,
            },
            SizeBytes = hit.SizeBytes,
            Sha256 = hit.Sha256,
            Direction = hit.Direction,
            Action = hit.Action,
            Categories = hit.Categories,
            Verdict = JsonSerializer.Deserialize<Verdict>(row.GetString(17), VerdictJson.Compact) ?? Verdict.Pass,
            RulesVersion = row.GetString(18),
            ModelVersions = SqliteValues.List(row.GetString(19)),
            Series = row.IsDBNull(20) ? null : row.GetString(20),
            RetainUntil = row.IsDBNull(21) ? null : SqliteValues.Time(row.GetInt64(21)),
        };
        return (record, row.GetInt64(22));
    }
}
