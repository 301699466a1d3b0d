using System.ComponentModel.DataAnnotations;

namespace MailFilter.Gateway.Queue;

/// <summary>How long and how often the queue retries. Section "Queue". The queue lives in DATA/queue.</summary>
public sealed class QueueOptions : IValidatableObject
{
    public const string Section = "Queue";

    static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4),
    ];

    /// <summary>
    /// Waits between delivery attempts: the n-th deferral waits the n-th value, and the last value repeats.
    /// Empty means 1m, 5m, 15m, 30m, 1h, 2h, 4h.
    /// </summary>
    public TimeSpan[] RetrySchedule { get; set; } = [];

    /// <summary>How long a message may stay undelivered before it is returned to its sender (RFC 5321 §4.5.4.1: at least 4–5 days).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "60.00:00:00")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How often the delivery service checks for due deferred entries, and the request service for operators' requests its file watcher missed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the deferred directory is re-read from disk, to pick up entries changed by hand.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// On start, how long the gateway waits for the queue's owner lock (DATA/queue/owner.lock) when someone holds it: a
    /// command line applying a change while no gateway ran lets go within moments; a second gateway on the same data
    /// directory never does, and this one then refuses to start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan OwnerLockWait { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule.Length > 0 ? RetrySchedule : DefaultRetrySchedule;

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var schedule = EffectiveRetrySchedule;
        return schedule[Math.Clamp(attempts - 1, 0, schedule.Count - 1)];
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetrySchedule.Any(delay => delay <= TimeSpan.Zero))
            yield return new ValidationResult("Queue:RetrySchedule values must be positive durations", [nameof(RetrySchedule)]);
    }
}
