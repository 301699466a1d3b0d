namespace MailFilter.Gateway.Records.Sqlite;

/// <summary>
/// The records' integer key and the full-text index's rowid: the received time in Unix milliseconds shifted left 20
/// bits, plus a counter for messages received in the same millisecond. Keys sort as receive times do, so "newest
/// first" is the index's own rowid order and a date range is a rowid range. Times are clamped to 1970…2248, the range
/// that fits; the record keeps its exact time beside the key.
/// </summary>
static class TimeKey
{
    const int CounterBits = 20;
    const long MaxMilliseconds = (1L << (63 - CounterBits)) - 1;

    public const long CounterSpan = 1L << CounterBits;

    /// <summary>The smallest key of the millisecond that contains <paramref name="time"/>.</summary>
    public static long First(DateTimeOffset time) => Math.Clamp(time.ToUnixTimeMilliseconds(), 0, MaxMilliseconds) << CounterBits;

    /// <summary>The smallest key after every key of <paramref name="time"/>'s millisecond and earlier.</summary>
    public static long After(DateTimeOffset time) => First(time) + CounterSpan;
}
