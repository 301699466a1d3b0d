using System.Text.Json;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Records.Sqlite;

/// <summary>How record values are written to and read from columns: lists as JSON arrays, times as Unix ms, actions as words.</summary>
static class SqliteValues
{
    public static string List(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, VerdictJson.Compact);

    public static IReadOnlyList<string> List(string json) =>
        JsonSerializer.Deserialize<List<string>>(json, VerdictJson.Compact) ?? [];

    public static long Milliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    public static string Action(VerdictAction action) => action.ToString().ToLowerInvariant();

    public static VerdictAction Action(string word) => Enum.Parse<VerdictAction>(word, ignoreCase: true);

    /// <summary>A Message-ID as stored and searched: trimmed, without angle brackets.</summary>
    public static string MessageId(string? messageId) => (messageId ?? "").Trim().Trim('<', '>').Trim();

    public static string Word(string? value) => (value ?? "").Trim().ToLowerInvariant();
}
