using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Archiving;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailFilter.Gateway.Health;

/// <summary>
/// Whether the archive keeps up: the backlog (entries committed and not yet archived, finished and waiting in done),
/// how long the oldest has waited, and how the last batch went. Degraded — mail still flows, and nothing is lost: the
/// entries wait in the queue — when the last batch failed or an entry has waited longer than
/// <see cref="RecordsOptions.ArchiveBehindAfter"/>; never unhealthy, since the SMTP reply does not depend on the archive.
/// </summary>
public sealed class ArchiveHealthCheck(ArchiverStatus status, IOptions<RecordsOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var oldest = status.OldestWaitingSince is { } since ? now - since : TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["backlog"] = status.Backlog,
            ["unarchived"] = status.Unarchived,
            ["done"] = status.Done,
            ["oldestWaitingSeconds"] = Math.Round(oldest.TotalSeconds, 1),
            ["consecutiveFailures"] = status.ConsecutiveFailures,
        };
        if (status.LastSuccessAt is { } success)
            data["lastSuccessAt"] = success;
        if (status.LastError is { } error)
        {
            data["lastError"] = error;
            return Task.FromResult(HealthCheckResult.Degraded(
                $"archiving is behind: the last {status.ConsecutiveFailures} batch(es) failed ({error}); {status.Backlog} entries wait in the queue", data: data));
        }
        if (oldest > options.Value.ArchiveBehindAfter)
            return Task.FromResult(HealthCheckResult.Degraded(
                $"archiving is behind: {status.Backlog} entries wait, the oldest for {oldest.TotalSeconds:0} s (Records:ArchiveBehindAfter is {options.Value.ArchiveBehindAfter})", data: data));
        return Task.FromResult(HealthCheckResult.Healthy($"{status.Backlog} entries waiting", data));
    }
}
