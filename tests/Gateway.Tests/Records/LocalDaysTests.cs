using MailFilter.Gateway.Records;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>Local calendar days as UTC instants, across daylight-saving changes, including zones that change at midnight.</summary>
public sealed class LocalDaysTests
{
    static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    static readonly TimeZoneInfo Havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");

    [Fact]
    public void A_day_in_Chicago_starts_at_local_midnight_in_either_offset()
    {
        LocalDays.StartOf(new DateOnly(2025, 1, 15), Chicago).Should().Be(new DateTimeOffset(2025, 1, 15, 6, 0, 0, TimeSpan.Zero));
        LocalDays.StartOf(new DateOnly(2025, 7, 15), Chicago).Should().Be(new DateTimeOffset(2025, 7, 15, 5, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_day_the_clocks_spring_forward_is_23_hours_long()
    {
        var query = new ArchiveQuery().Between(new DateOnly(2025, 3, 9), new DateOnly(2025, 3, 9), Chicago);

        (query.Until - query.Since).Should().Be(TimeSpan.FromHours(23));
    }

    [Fact]
    public void The_day_the_clocks_fall_back_is_25_hours_long()
    {
        var query = new ArchiveQuery().Between(new DateOnly(2025, 11, 2), new DateOnly(2025, 11, 2), Chicago);

        (query.Until - query.Since).Should().Be(TimeSpan.FromHours(25));
    }

    [Fact]
    public void Where_midnight_is_skipped_the_day_starts_when_the_clock_resumes()
    {
        // Cuba springs forward at 00:00 on 10 March 2024: the day's first local time is 01:00 (UTC-4).
        LocalDays.StartOf(new DateOnly(2024, 3, 10), Havana).Should().Be(new DateTimeOffset(2024, 3, 10, 5, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Where_midnight_happens_twice_the_day_starts_at_the_first()
    {
        // Cuba falls back at 01:00 on 3 November 2024: 00:00 happens at UTC-4, then again at UTC-5.
        LocalDays.StartOf(new DateOnly(2024, 11, 3), Havana).Should().Be(new DateTimeOffset(2024, 11, 3, 4, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void An_open_side_keeps_what_the_query_had()
    {
        var query = new ArchiveQuery { Since = TestRecords.Monday }.Between(null, new DateOnly(2025, 3, 31), Chicago);

        query.Since.Should().Be(TestRecords.Monday);
        query.Until.Should().Be(new DateTimeOffset(2025, 4, 1, 5, 0, 0, TimeSpan.Zero));
    }
}
