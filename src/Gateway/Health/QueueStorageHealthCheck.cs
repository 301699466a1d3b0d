using MailFilter.Gateway.Queue;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailFilter.Gateway.Health;

/// <summary>
/// Whether the queue can take a message now: a probe file is written, flushed to disk and removed in the incoming
/// directory, and the file system keeps <see cref="HealthOptions.MinFreeDiskBytes"/> free. Either failing means every
/// message would be tempfailed.
/// </summary>
public sealed class QueueStorageHealthCheck(MessageQueue queue, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var incoming = queue.StateDirectory(QueueState.Incoming);
        var probe = Path.Combine(incoming, ".health-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await file.WriteAsync("ok"u8.ToArray(), cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"the queue directory {incoming} cannot be written: {exception.Message}");
        }
        var free = new DriveInfo(incoming).AvailableFreeSpace;
        var data = new Dictionary<string, object> { ["freeBytes"] = free, ["minFreeBytes"] = options.Value.MinFreeDiskBytes };
        return free < options.Value.MinFreeDiskBytes
            ? HealthCheckResult.Unhealthy($"{free} bytes free under {queue.Root}, below Health:MinFreeDiskBytes", data: data)
            : HealthCheckResult.Healthy($"writable, {free / (1 << 20)} MiB free", data);
    }
}
