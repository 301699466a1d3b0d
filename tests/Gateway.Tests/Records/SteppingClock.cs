namespace MailFilter.Gateway.Tests.Records;

/// <summary>A clock that starts at a fixed instant and moves only when told.</summary>
public sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
