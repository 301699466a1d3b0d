using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Access;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>The dates and times a clerk types, read on the organisation's clock, across daylight-saving changes.</summary>
public class LocalTimeInputTests
{
    static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [Fact]
    public void A_date_is_the_whole_local_day_and_an_until_date_includes_its_day()
    {
        var query = new ArchiveQuery().Bound("2025-03-09", "2025-03-09", Chicago);

        query.Since.Should().Be(new DateTimeOffset(2025, 3, 9, 6, 0, 0, TimeSpan.Zero));
        query.Until.Should().Be(new DateTimeOffset(2025, 3, 10, 5, 0, 0, TimeSpan.Zero), "9 March 2025 in Chicago is 23 hours long");
    }

    [Fact]
    public void A_local_time_is_that_instant_on_the_local_clock()
    {
        LocalTimeInput.Parse("2025-07-01T14:30", Chicago, isUntil: true, "--until").Should().Be(new DateTimeOffset(2025, 7, 1, 19, 30, 0, TimeSpan.Zero));
        LocalTimeInput.Parse("2025-01-15 08:00:15", Chicago, isUntil: false, "--since").Should().Be(new DateTimeOffset(2025, 1, 15, 14, 0, 15, TimeSpan.Zero));
    }

    [Fact]
    public void A_time_the_clock_skipped_is_the_first_minute_after_the_gap_and_a_doubled_time_its_first_occurrence()
    {
        LocalTimeInput.Parse("2025-03-09T02:30", Chicago, isUntil: false, "--since").Should().Be(new DateTimeOffset(2025, 3, 9, 8, 0, 0, TimeSpan.Zero), "03:00 CDT");
        LocalTimeInput.Parse("2025-11-02T01:30", Chicago, isUntil: false, "--since").Should().Be(new DateTimeOffset(2025, 11, 2, 6, 30, 0, TimeSpan.Zero), "01:30 CDT, the first time");
    }

    [Fact]
    public void A_time_with_an_offset_is_taken_as_written()
    {
        LocalTimeInput.Parse("2025-07-01T14:30:00Z", Chicago, isUntil: false, "--since").Should().Be(new DateTimeOffset(2025, 7, 1, 14, 30, 0, TimeSpan.Zero));
        LocalTimeInput.Parse("2025-07-01T14:30+02:00", Chicago, isUntil: false, "--since").Should().Be(new DateTimeOffset(2025, 7, 1, 12, 30, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("03/04/2025")]
    [InlineData("2025-02-30")]
    public void Anything_else_is_a_format_error_naming_the_option_and_what_it_takes(string text)
    {
        var act = () => LocalTimeInput.Parse(text, Chicago, isUntil: false, "--since");

        act.Should().Throw<FormatException>().WithMessage($"--since '{text}' is not a date (yyyy-MM-dd) or a local time (yyyy-MM-ddTHH:mm[:ss]) in America/Chicago");
    }

    [Fact]
    public void Times_print_on_the_local_clock_with_their_offset()
    {
        LocalTimeInput.Format(new DateTimeOffset(2025, 3, 10, 14, 0, 0, TimeSpan.Zero), Chicago).Should().Be("2025-03-10T09:00:00.000-05:00");
        LocalTimeInput.FormatShort(new DateTimeOffset(2025, 3, 3, 15, 0, 0, TimeSpan.Zero), Chicago).Should().Be("2025-03-03 09:00:00");
    }
}
