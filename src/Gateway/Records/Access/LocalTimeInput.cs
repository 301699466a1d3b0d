using System.Globalization;

namespace MailFilter.Gateway.Records.Access;

/// <summary>
/// Turns the dates and times a clerk types into a query's UTC bounds, read in the organisation's zone
/// (<c>Records:TimeZone</c>): a date (<c>2025-03-01</c>) is a whole local day (<see cref="LocalDays"/>: "until March 31"
/// includes March 31); a local time (<c>2025-03-01T14:30</c> or <c>2025-03-01 14:30:15</c>) is that instant (since
/// inclusive, until exclusive); a time with an offset or Z (<c>2025-03-01T14:30-06:00</c>) is taken as written.
/// </summary>
public static class LocalTimeInput
{
    static readonly string[] DateFormats = ["yyyy-MM-dd"];
    static readonly string[] LocalTimeFormats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];
    static readonly string[] OffsetFormats = ["yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK"];

    /// <summary>What the formats are, for an error message.</summary>
    public const string Expected = "a date (yyyy-MM-dd) or a local time (yyyy-MM-ddTHH:mm[:ss])";

    /// <summary>The query with <paramref name="since"/> and <paramref name="until"/> (either may be null) applied.</summary>
    /// <exception cref="FormatException">A value is neither a date nor a time; the message names it and what is expected.</exception>
    public static ArchiveQuery Bound(this ArchiveQuery query, string? since, string? until, TimeZoneInfo zone) => query with
    {
        Since = since is null ? query.Since : Parse(since, zone, isUntil: false, "--since"),
        Until = until is null ? query.Until : Parse(until, zone, isUntil: true, "--until"),
    };

    /// <summary>
    /// The instant a bound names: a date's first local instant (for an until-date, the next day's, so the day is
    /// included), a local time's instant in <paramref name="zone"/>, or a time with an offset as written.
    /// </summary>
    public static DateTimeOffset Parse(string text, TimeZoneInfo zone, bool isUntil, string name)
    {
        var value = text.Trim();
        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return LocalDays.StartOf(isUntil ? day.AddDays(1) : day, zone);
        if (DateTime.TryParseExact(value, LocalTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return AtLocal(local, zone);
        if (DateTimeOffset.TryParseExact(value, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant.ToUniversalTime();
        throw new FormatException($"{name} '{text}' is not {Expected} in {zone.Id}");
    }

    /// <summary>
    /// A wall-clock time in <paramref name="zone"/> as an instant: a time the clock skipped (spring forward) is read as
    /// the first minute after the gap; a time the clock showed twice (fall back) as its first occurrence.
    /// </summary>
    public static DateTimeOffset AtLocal(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // A skipped hour is at most a few hours long: step to the first whole minute the clock shows.
            local = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
            for (var i = 0; i < 24 * 60 && zone.IsInvalidTime(local); i++)
                local = local.AddMinutes(1);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>An archived instant as ISO 8601 on the organisation's clock, with its offset (e.g. 2025-03-03T03:00:00.000-06:00).</summary>
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone) =>
        LocalDays.ToLocal(instant, zone).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>An archived instant as a clerk reads it: 2025-03-03 03:00:00.</summary>
    public static string FormatShort(DateTimeOffset instant, TimeZoneInfo zone) =>
        LocalDays.ToLocal(instant, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
