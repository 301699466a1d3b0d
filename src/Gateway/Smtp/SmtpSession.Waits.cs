using System.Diagnostics;
using System.IO.Pipelines;

namespace MailFilter.Gateway.Smtp;

/// <summary>
/// Every wait for the client and the timeout that bounds it: a whole command line (<see cref="SmtpOptions.CommandTimeout"/>),
/// more content (<see cref="SmtpOptions.DataTimeout"/> and the minimum data rate), a flush of replies.
/// </summary>
internal sealed partial class SmtpSession
{
    /// <summary>Flushes pending replies, then waits for input; the caller has armed <see cref="_waitTimeout"/>.</summary>
    async ValueTask<ReadResult> ReadInputAsync(CancellationToken cancellationToken)
    {
        if (HasUnflushedReplies)
            await _output.FlushAsync(cancellationToken);
        return await _input.ReadAsync(cancellationToken);
    }

    /// <summary>Starts the timer of one wait for the client; when it fires, the session ends with <paramref name="reply"/>.</summary>
    void ArmWaitTimeout(TimeSpan timeout, SmtpReply reply)
    {
        _waitTimeoutReply = reply;
        _waitTimeout.CancelAfter(timeout);
    }

    void DisarmWaitTimeout() => _waitTimeout.CancelAfter(Timeout.InfiniteTimeSpan);

    /// <summary>A wait that has no time left at all ends the session at once, as if its timer had fired.</summary>
    [StackTraceHidden]
    void EndForTimeout(SmtpReply reply)
    {
        _waitTimeoutReply = reply;
        _waitTimeout.Cancel();
        _waitTimeout.Token.ThrowIfCancellationRequested();
    }

    bool HasUnflushedReplies => !_output.CanGetUnflushedBytes || _output.UnflushedBytes > 0;

    async ValueTask FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArmWaitTimeout(timeout, SmtpReplies.Timeout);
        try
        {
            await _output.FlushAsync(cancellationToken);
        }
        finally
        {
            DisarmWaitTimeout();
        }
    }

    /// <summary>
    /// Waits for more content under the DATA timeout and the minimum data rate (<see cref="MinimumDataRate"/>),
    /// whichever ends first; the time waited is spent from the client's allowance.
    /// </summary>
    async ValueTask<ReadResult> ReadContentAsync(CancellationToken cancellationToken)
    {
        var timeout = _dataRate.LimitsNextWait ? SmtpReplies.DataTooSlow : SmtpReplies.Timeout;
        if (_dataRate.TimeLeft <= TimeSpan.Zero)
            EndForTimeout(timeout);
        ArmWaitTimeout(_dataRate.TimeLeft, timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await ReadInputAsync(cancellationToken);
        }
        finally
        {
            DisarmWaitTimeout();
            _dataRate.Waited(Stopwatch.GetElapsedTime(started));
        }
    }
}
