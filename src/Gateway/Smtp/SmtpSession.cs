using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;

namespace MailFilter.Gateway.Smtp;

/// <summary>
/// One SMTP session over any duplex pipe (a Kestrel connection, or an in-memory pipe in tests). Reads
/// commands with a bounded line buffer, follows <see cref="SmtpStateTable"/>, streams content to the
/// <see cref="IMessageReceiver"/>, and answers every protocol failure with a reply value, not an exception.
/// Replies are buffered and flushed only when the session waits for the client, which is what PIPELINING needs.
/// </summary>
internal sealed partial class SmtpSession
{
    const int MaxUnflushedReplyOctets = 16 * 1024;

    readonly SmtpSessionContext _context;
    readonly SmtpSessionServices _services;
    readonly SmtpOptions _options;
    readonly ILogger _logger;
    readonly IDuplexPipe _transport;
    readonly byte[] _commandLine;
    /// <summary>Bounds each wait for the client: a whole command line, a wait for content, a flush of replies.</summary>
    readonly CancellationTokenSource _waitTimeout = new();
    readonly CancellationTokenSource _sessionTimeout = new();
    readonly CancellationTokenSource _cancellation;
    readonly bool _isTrustedClient;

    PipeReader _input;
    PipeWriter _output;
    SslStream? _tls;
    SmtpState _state = SmtpState.AwaitingHello;
    string _heloName = "";
    SmtpReply _waitTimeoutReply = SmtpReplies.Timeout;
    int _errors;
    int _messagesAccepted;
    bool _closing;
    volatile bool _stopRequested;

    public SmtpSession(IDuplexPipe transport, SmtpSessionContext context, SmtpSessionServices services)
    {
        _transport = transport;
        _input = transport.Input;
        _output = transport.Output;
        _context = context;
        _services = services;
        _options = services.Options;
        _logger = services.Logger;
        _commandLine = new byte[_options.MaxCommandLineLengthOctets];
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(_waitTimeout.Token, _sessionTimeout.Token);
        _isTrustedClient = services.Relay.IsTrusted(context.RemoteEndPoint.Address);
        _decoder = new MessageContentDecoder(_options.MaxMessageSizeBytes, _options.MaxTextLineLengthOctets, _options.BareLineEndings);
        _dataRate = new MinimumDataRate(_options.MinDataRateOctetsPerSecond, _options.MinDataRateGracePeriod, _options.DataTimeout);
    }

    bool IsTls => _tls is not null;

    /// <summary>
    /// Runs the session to its end. <paramref name="stopRequested"/> asks for a graceful stop: an idle
    /// session gets 421 4.3.2 at once, a transaction in flight is finished first.
    /// </summary>
    public async Task RunAsync(CancellationToken stopRequested)
    {
        using var scope = _logger.BeginScope("SessionId:{SessionId}", _context.SessionId);
        _logger.LogInformation("Connect from {RemoteEndPoint}{Trusted}", _context.RemoteEndPoint, _isTrustedClient ? " (trusted network)" : "");
        _sessionTimeout.CancelAfter(_options.SessionTimeout);
        var stopRegistration = stopRequested.Register(RequestStop);
        // Every wait below ends on its own timeout or the session timeout, whichever comes first.
        var cancellationToken = _cancellation.Token;
        try
        {
            Reply(new SmtpReply(220, "", $"{_options.ServerName} ESMTP MailFilter ready"));
            while (!_closing)
                await HandleNextCommandAsync(cancellationToken);
            await FlushAsync(_options.CommandTimeout, cancellationToken);
        }
        catch (OperationCanceledException) when (_sessionTimeout.IsCancellationRequested || _waitTimeout.IsCancellationRequested)
        {
            var reply = _sessionTimeout.IsCancellationRequested ? SmtpReplies.SessionTooLong : _waitTimeoutReply;
            _logger.LogInformation("Closing after a timeout in state {State}: {Reply}", _state, reply);
            await TrySendLastReplyAsync(reply);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogInformation("Connection lost in state {State}: {Reason}", _state, e.Message);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Session failed in state {State}", _state);
            await TrySendLastReplyAsync(new SmtpReply(421, "4.3.0", "Internal error, closing connection"));
        }
        finally
        {
            await stopRegistration.DisposeAsync();
            await AbortTransactionAsync();
            await CloseAsync();
            _logger.LogInformation("Disconnect from {RemoteEndPoint}: {MessagesAccepted} messages accepted, {Errors} errors", _context.RemoteEndPoint, _messagesAccepted, _errors);
        }
    }

    void RequestStop()
    {
        _stopRequested = true;
        _input.CancelPendingRead();
    }

    async ValueTask HandleNextCommandAsync(CancellationToken cancellationToken)
    {
        var (status, length) = await ReadCommandLineAsync(cancellationToken);
        switch (status)
        {
            case CommandLineStatus.ClientClosed:
                _logger.LogDebug("Client closed the connection in state {State}", _state);
                _closing = true;
                return;
            case CommandLineStatus.StopRequested:
                Reply(SmtpReplies.ShuttingDown);
                _closing = true;
                return;
            case CommandLineStatus.TooLong:
                ReplyError(SmtpReplies.CommandLineTooLong);
                return;
            default:
                await HandleCommandAsync(length, cancellationToken);
                // A client pipelining thousands of commands without reading the replies must not grow the output without end.
                if (_output.CanGetUnflushedBytes && _output.UnflushedBytes > MaxUnflushedReplyOctets)
                    await FlushAsync(_options.CommandTimeout, cancellationToken);
                return;
        }
    }

    /// <summary>
    /// The next command line, CRLF (or a lone LF) stripped, in <see cref="_commandLine"/>. A line longer than
    /// the limit is skipped as it arrives — never buffered whole — and reported as <see cref="CommandLineStatus.TooLong"/>.
    /// The command timeout covers the whole line from the first wait for it, not each read: a client that sends
    /// a byte a second resets no timer and is cut off like an idle one.
    /// </summary>
    async ValueTask<(CommandLineStatus Status, int Length)> ReadCommandLineAsync(CancellationToken cancellationToken)
    {
        var skippingLongLine = false;
        var mayUseBuffered = true;
        var deadlineArmed = false;
        try
        {
            while (true)
            {
                if (_stopRequested)
                    return (CommandLineStatus.StopRequested, 0);
                ReadResult result;
                if (!mayUseBuffered || !_input.TryRead(out result))
                {
                    if (!deadlineArmed)
                        ArmWaitTimeout(_options.CommandTimeout, SmtpReplies.Timeout);
                    deadlineArmed = true;
                    result = await ReadInputAsync(cancellationToken);
                }
                mayUseBuffered = false;
                if (result.IsCanceled)
                {
                    // A stop request woke the read: what arrived with it is read again on the next pass.
                    _input.AdvanceTo(result.Buffer.Start);
                    continue;
                }
                var found = TryTakeCommandLine(result.Buffer, ref skippingLongLine, out var consumed, out var length);
                // While skipping, what is left after the skipped part is still unexamined, so the next read returns it at once.
                _input.AdvanceTo(consumed, found || skippingLongLine ? consumed : result.Buffer.End);
                if (found)
                    return (skippingLongLine ? CommandLineStatus.TooLong : CommandLineStatus.Line, length);
                if (result.IsCompleted && (!skippingLongLine || consumed.Equals(result.Buffer.End)))
                    return (CommandLineStatus.ClientClosed, 0);
            }
        }
        finally
        {
            if (deadlineArmed)
                DisarmWaitTimeout();
        }
    }

    bool TryTakeCommandLine(ReadOnlySequence<byte> buffer, ref bool skippingLongLine, out SequencePosition consumed, out int length)
    {
        length = 0;
        var limit = _options.MaxCommandLineLengthOctets;
        var window = skippingLongLine ? buffer : buffer.Slice(0, Math.Min(buffer.Length, limit));
        if (window.PositionOf((byte)'\n') is not { } lineFeed)
        {
            if (!skippingLongLine && window.Length < limit)
            {
                consumed = buffer.Start;
                return false;
            }
            skippingLongLine = true;
            consumed = window.End;
            return false;
        }
        consumed = buffer.GetPosition(1, lineFeed);
        if (skippingLongLine)
            return true;
        var line = buffer.Slice(0, lineFeed);
        line.CopyTo(_commandLine);
        length = (int)line.Length;
        if (length > 0 && _commandLine[length - 1] == '\r')
            length--;
        return true;
    }

    void Reply(SmtpReply reply) => SmtpReplyWriter.Write(_output, reply);

    /// <summary>A reply to a client mistake: counted, and past the limit the session ends with 421 4.7.0.</summary>
    void ReplyError(SmtpReply reply)
    {
        Reply(reply);
        _logger.LogDebug("Refused in state {State}: {Reply}", _state, reply);
        if (++_errors < _options.MaxErrorsPerSession)
            return;
        _logger.LogInformation("Closing after {Errors} errors", _errors);
        Reply(SmtpReplies.TooManyErrors);
        _closing = true;
    }

    async ValueTask TrySendLastReplyAsync(SmtpReply reply)
    {
        try
        {
            Reply(reply);
            // The client may have stopped reading: a last reply gets a short, fixed grace, not another full timeout.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _output.FlushAsync(grace.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug("Could not send {Reply}: {Reason}", reply, e.Message);
        }
    }

    async ValueTask CloseAsync()
    {
        if (_contentBuffer is not null)
            ArrayPool<byte>.Shared.Return(_contentBuffer);
        _contentBuffer = null;
        await _input.CompleteAsync();
        await _output.CompleteAsync();
        if (_tls is not null)
        {
            await _tls.DisposeAsync();
        }
        else
        {
            await _transport.Input.CompleteAsync();
            await _transport.Output.CompleteAsync();
        }
        _cancellation.Dispose();
        _waitTimeout.Dispose();
        _sessionTimeout.Dispose();
    }
}
