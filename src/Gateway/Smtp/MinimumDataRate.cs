namespace MailFilter.Gateway.Smtp;

/// <summary>
/// The minimum transfer rate of DATA and BDAT content, on the model of Postfix's <c>smtpd_min_data_rate</c>: a
/// request starts with <c>gracePeriod</c> of time to send in; every wait for content spends the time it took,
/// and every octet that arrives earns <c>1 / octetsPerSecond</c> seconds, never more than <c>dataTimeout</c> in
/// hand. A client that keeps up the rate never runs out; one that trickles (a byte a second) runs out soon
/// after the grace period, however often it sends. Only waits for the client count: time the server spends on
/// the content it received is not held against the client.
/// </summary>
/// <param name="octetsPerSecond">The rate; 0 turns it off, leaving only <c>dataTimeout</c> per wait.</param>
internal sealed class MinimumDataRate(int octetsPerSecond, TimeSpan gracePeriod, TimeSpan dataTimeout)
{
    TimeSpan _timeLeft;

    /// <summary>The longest the next wait for content may take.</summary>
    public TimeSpan TimeLeft => _timeLeft;

    /// <summary>Whether the rate, not the plain DATA timeout, bounds the next wait (so running out means "too slow").</summary>
    public bool LimitsNextWait => _timeLeft < dataTimeout;

    /// <summary>A new DATA or BDAT request: the grace period in hand.</summary>
    public void Start() => _timeLeft = octetsPerSecond == 0 || gracePeriod > dataTimeout ? dataTimeout : gracePeriod;

    /// <summary>A wait for the client took <paramref name="waited"/>.</summary>
    public void Waited(TimeSpan waited)
    {
        if (octetsPerSecond > 0)
            _timeLeft -= waited;
    }

    /// <summary><paramref name="octets"/> of content arrived.</summary>
    public void Received(long octets)
    {
        if (octetsPerSecond == 0 || octets == 0)
            return;
        var left = _timeLeft + TimeSpan.FromSeconds((double)octets / octetsPerSecond);
        _timeLeft = left > dataTimeout ? dataTimeout : left;
    }
}
