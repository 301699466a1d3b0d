using System.ComponentModel.DataAnnotations;

namespace MailFilter.Gateway.Health;

/// <summary>What /healthz checks beyond "the process answers". Section "Health".</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// Free space the data directory's file system must keep: below it /healthz is unhealthy, before the queue's writes
    /// start failing (each message then tempfails). 1 GiB by default.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MinFreeDiskBytes { get; set; } = 1L << 30;

    /// <summary>How long a next-hop reachability probe may take; an unreachable next hop makes /healthz degraded, not unhealthy.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan NextHopProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
