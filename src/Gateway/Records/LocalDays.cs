namespace MailFilter.Gateway.Records;

/// <summary>
/// The organisation's calendar days as UTC instants, for the dates a clerk types (<c>--since 2025-03-01 --until
/// 2025-03-31</c>, read in <c>Records:TimeZone</c>). A day starts at its first local instant: where midnight does not
/// exist (a zone that springs forward at 00:00) the day starts when the clock resumes; where midnight happens twice (a
/// fall-back at 01:00) it starts at the first. So a day is 23, 24 or 25 hours long, as the wall clock says.
/// </summary>
public static class LocalDays
{
    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A skipped hour is at most a few hours long; step forward to the first minute the clock shows.
        for (var i = 0; i < 24 * 60 && zone.IsInvalidTime(local); i++)
            local = local.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// The query restricted to whole local days: from the start of <paramref name="since"/> to the end of
    /// <paramref name="until"/> (inclusive — "until March 31" includes March 31). A null day leaves that side open.
    /// </summary>
    public static ArchiveQuery Between(this ArchiveQuery query, DateOnly? since, DateOnly? until, TimeZoneInfo zone) => query with
    {
        Since = since is { } first ? StartOf(first, zone) : query.Since,
        Until = until is { } last ? StartOf(last.AddDays(1), zone) : query.Until,
    };

    /// <summary>An archived instant as the organisation's clock showed it (for listings and manifests).</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);
}
