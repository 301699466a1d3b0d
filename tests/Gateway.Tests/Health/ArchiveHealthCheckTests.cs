using MailFilter.Gateway.Health;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Archiving;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MailFilter.Gateway.Tests.Health;

/// <summary>The "archive" check: the backlog, and degraded — never unhealthy — when the archive falls behind or fails.</summary>
public sealed class ArchiveHealthCheckTests
{
    readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    readonly ArchiverStatus status;
    readonly ArchiveHealthCheck check;

    public ArchiveHealthCheckTests()
    {
        status = new ArchiverStatus(time);
        check = new ArchiveHealthCheck(status, Options.Create(new RecordsOptions { ArchiveBehindAfter = TimeSpan.FromMinutes(2) }), time);
    }

    Task<HealthCheckResult> CheckAsync() => check.CheckHealthAsync(new HealthCheckContext());

    static ArchiveBatchResult Archived(IReadOnlyList<string> archived, IReadOnlyList<string>? completed = null) =>
        new(archived, archived, completed ?? [], [], [], 0);

    [Fact]
    public async Task A_backlog_the_archive_keeps_up_with_is_healthy_and_counted()
    {
        status.Committed("A");
        status.Committed("B");
        status.Finished("B");
        time.Advance(TimeSpan.FromSeconds(30));

        var result = await CheckAsync();

        result.Status.Should().Be(HealthStatus.Healthy);
        result.Data.Should().Contain(new KeyValuePair<string, object>("backlog", 3)).And.Contain(new KeyValuePair<string, object>("done", 1));
        result.Data["oldestWaitingSeconds"].Should().Be(30.0);
    }

    [Fact]
    public async Task An_entry_waiting_longer_than_ArchiveBehindAfter_makes_it_degraded_until_it_is_archived()
    {
        status.Committed("A");
        time.Advance(TimeSpan.FromMinutes(3));

        (await CheckAsync()).Status.Should().Be(HealthStatus.Degraded);
        status.Succeeded(Archived(["A"]));
        (await CheckAsync()).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task A_failed_batch_makes_it_degraded_with_the_reason_until_a_batch_goes_through()
    {
        status.Finished("A");
        status.Failed("No space left on device");
        status.Failed("No space left on device");

        var failing = await CheckAsync();
        failing.Status.Should().Be(HealthStatus.Degraded);
        failing.Description.Should().Contain("last 2 batch(es) failed").And.Contain("No space left on device").And.Contain("1 entries wait");

        status.Succeeded(Archived([], completed: ["A"]));
        var recovered = await CheckAsync();
        recovered.Status.Should().Be(HealthStatus.Healthy);
        recovered.Data["backlog"].Should().Be(0);
    }
}
