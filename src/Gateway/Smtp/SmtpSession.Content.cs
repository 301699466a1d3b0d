using System.Buffers;
using System.IO.Pipelines;

namespace MailFilter.Gateway.Smtp;

/// <summary>The mail transaction: DATA and BDAT content streamed to the receiver.</summary>
internal sealed partial class SmtpSession
{
    /// <summary>Content is handed to the receiver in chunks of this size: one write per 64 KiB, not per line.</summary>
    const int ContentChunkOctets = 64 * 1024;

    readonly MessageContentDecoder _decoder;
    readonly MinimumDataRate _dataRate;
    string _reversePath = "";
    MailParameters _mailParameters;
    List<string> _recipients = [];
    IMessageWriter? _writer;
    bool _receiverFailed;
    byte[]? _contentBuffer;

    async ValueTask HandleDataAsync(CancellationToken cancellationToken)
    {
        if (_recipients.Count == 0)
        {
            Reply(SmtpReplies.NoValidRecipients);
            return;
        }
        if (await BeginMessageAsync(cancellationToken) is { } failure)
        {
            Reply(failure);
            return;
        }
        Reply(SmtpReplies.StartMailInput);
        _decoder.Reset(dotStuffed: true);
        if (!await ReceiveDataAsync(cancellationToken))
        {
            _closing = true;
            return;
        }
        await EndMessageAsync();
    }

    async ValueTask HandleBdatAsync(long chunkSizeOctets, bool isLast, CancellationToken cancellationToken)
    {
        if (_state == SmtpState.MailGiven)
        {
            await RefuseChunkAsync(chunkSizeOctets, SmtpReplies.NoValidRecipients, countAsError: false, cancellationToken);
            return;
        }
        if (_state == SmtpState.RecipientsGiven)
        {
            // BDAT content only grows when decoded, so a first chunk over the limit is refused before the receiver opens anything.
            if (chunkSizeOctets > _options.MaxMessageSizeBytes)
            {
                await RefuseChunkAsync(chunkSizeOctets, SmtpReplies.MessageTooBig, countAsError: false, cancellationToken);
                ResetTransaction();
                _state = SmtpState.Ready;
                return;
            }
            if (await BeginMessageAsync(cancellationToken) is { } failure)
            {
                await RefuseChunkAsync(chunkSizeOctets, failure, countAsError: false, cancellationToken);
                return;
            }
            _decoder.Reset(dotStuffed: false);
            _state = SmtpStateTable.Next(_state, SmtpVerb.Bdat);
        }
        if (!await ReceiveChunkAsync(chunkSizeOctets, cancellationToken))
        {
            _closing = true;
            return;
        }
        if (!isLast && ContentFailure() is null)
        {
            Reply(SmtpReplies.ChunkReceived(chunkSizeOctets));
            return;
        }
        var buffer = ContentBuffer();
        _decoder.Finish(buffer, out var written);
        await WriteContentAsync(buffer, written, cancellationToken);
        await EndMessageAsync();
    }

    /// <summary>Reads past a refused chunk, then replies.</summary>
    async ValueTask RefuseChunkAsync(long chunkSizeOctets, SmtpReply reply, bool countAsError, CancellationToken cancellationToken)
    {
        var remaining = chunkSizeOctets;
        _dataRate.Start();
        while (remaining > 0)
        {
            var result = await ReadContentAsync(cancellationToken);
            var skipped = Math.Min(remaining, result.Buffer.Length);
            _input.AdvanceTo(result.Buffer.GetPosition(skipped));
            _dataRate.Received(skipped);
            remaining -= skipped;
            if (remaining > 0 && result.IsCompleted)
            {
                _closing = true;
                return;
            }
        }
        if (countAsError)
            ReplyError(reply);
        else
            Reply(reply);
    }

    /// <summary>Opens the message at the receiver; on failure returns the reply and resets the transaction.</summary>
    async ValueTask<SmtpReply?> BeginMessageAsync(CancellationToken cancellationToken)
    {
        var envelope = new SmtpEnvelope(
            _context.SessionId, _context.RemoteEndPoint, _heloName, IsTls, AuthenticatedUser: null, _isTrustedClient,
            _reversePath, _recipients, _mailParameters.Body, _mailParameters.SmtpUtf8, _mailParameters.DeclaredSize);
        _receiverFailed = false;
        try
        {
            _writer = await _services.Receiver.BeginAsync(envelope, cancellationToken);
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(e, "The message receiver failed to begin a message from {ReversePath}", _reversePath);
            ResetTransaction();
            _state = SmtpState.Ready;
            return SmtpReplies.LocalError;
        }
    }

    /// <summary>Streams DATA content to the receiver up to CRLF "." CRLF. False when the client went away first.</summary>
    async ValueTask<bool> ReceiveDataAsync(CancellationToken cancellationToken)
    {
        var buffer = ContentBuffer();
        var filled = 0;
        var mayUseBuffered = true;
        _dataRate.Start();
        while (true)
        {
            ReadResult result;
            if (!mayUseBuffered || !_input.TryRead(out result))
                result = await ReadContentAsync(cancellationToken);
            mayUseBuffered = false;
            if (result.IsCanceled)
            {
                // A stop request woke the read: what arrived with it is read again on the next pass.
                _input.AdvanceTo(result.Buffer.Start);
                continue;
            }
            var status = Decode(result.Buffer, buffer, ref filled, out var consumed);
            _dataRate.Received(result.Buffer.Slice(0, consumed).Length);
            _input.AdvanceTo(consumed);
            if (status == ContentDecodeStatus.NeedMoreInput)
            {
                if (result.IsCompleted)
                    return false;
                continue;
            }
            await WriteContentAsync(buffer, filled, cancellationToken);
            filled = 0;
            if (status == ContentDecodeStatus.EndOfData)
                return true;
            mayUseBuffered = true;
        }
    }

    /// <summary>Streams one BDAT chunk to the receiver. False when the client went away first.</summary>
    async ValueTask<bool> ReceiveChunkAsync(long chunkSizeOctets, CancellationToken cancellationToken)
    {
        var buffer = ContentBuffer();
        var filled = 0;
        var remaining = chunkSizeOctets;
        var mayUseBuffered = true;
        _dataRate.Start();
        while (remaining > 0)
        {
            ReadResult result;
            if (!mayUseBuffered || !_input.TryRead(out result))
                result = await ReadContentAsync(cancellationToken);
            mayUseBuffered = false;
            if (result.IsCanceled)
            {
                // A stop request woke the read: what arrived with it is read again on the next pass.
                _input.AdvanceTo(result.Buffer.Start);
                continue;
            }
            var chunk = result.Buffer.Slice(0, Math.Min(remaining, result.Buffer.Length));
            var status = Decode(chunk, buffer, ref filled, out var consumed);
            var taken = chunk.Slice(0, consumed).Length;
            remaining -= taken;
            _dataRate.Received(taken);
            _input.AdvanceTo(consumed);
            if (status == ContentDecodeStatus.OutputFull)
            {
                await WriteContentAsync(buffer, filled, cancellationToken);
                filled = 0;
                mayUseBuffered = true;
            }
            else if (remaining > 0 && result.IsCompleted)
            {
                return false;
            }
        }
        await WriteContentAsync(buffer, filled, cancellationToken);
        return true;
    }

    ContentDecodeStatus Decode(ReadOnlySequence<byte> input, byte[] output, ref int filled, out SequencePosition consumed)
    {
        var reader = new SequenceReader<byte>(input);
        var status = _decoder.Decode(ref reader, output.AsSpan(filled), out var written);
        filled += written;
        consumed = reader.Position;
        return status;
    }

    async ValueTask WriteContentAsync(byte[] buffer, int length, CancellationToken cancellationToken)
    {
        if (length == 0 || _writer is null || _decoder.IsDiscarding)
            return;
        try
        {
            await _writer.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(e, "The message receiver failed while taking content from {ReversePath}", _reversePath);
            _receiverFailed = true;
            _decoder.Discard();
            await DisposeWriterAsync();
        }
    }

    /// <summary>Why the content read so far cannot be accepted, or null.</summary>
    SmtpReply? ContentFailure() =>
        _receiverFailed ? SmtpReplies.LocalError
        : _decoder.SizeExceeded ? SmtpReplies.MessageTooBig
        : _decoder.HasBareLineEnding && _options.BareLineEndings == BareLineEndingPolicy.Reject ? SmtpReplies.BareLineEnding
        : _decoder.LineTooLong ? SmtpReplies.TextLineTooLong(_options.MaxTextLineLengthOctets)
        : null;

    /// <summary>The end of the content: the receiver's reply when it was taken whole, the refusal otherwise.</summary>
    async ValueTask EndMessageAsync()
    {
        var reply = ContentFailure();
        if (reply is null && _writer is not null)
        {
            try
            {
                // The whole message is in: a session timeout must not cut its commit short half-way. The receiver
                // bounds its own work (a deadline past which it answers 4xx).
                reply = await _writer.CompleteAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "The message receiver failed to complete a message from {ReversePath}", _reversePath);
                reply = SmtpReplies.LocalError;
            }
        }
        await DisposeWriterAsync();
        var final = reply ?? SmtpReplies.LocalError;
        if (final.Code is < 200 or > 599)
        {
            _logger.LogError("The message receiver gave an invalid reply {Reply}", final);
            final = SmtpReplies.LocalError;
        }
        if (final.IsPositive)
            _messagesAccepted++;
        SmtpMetrics.EndOfDataReplies.WithLabels(final.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), final.EnhancedCode).Inc();
        // Debug, not Information: the gateway's one summary line per message is written where the verdict is known.
        _logger.LogDebug("Message from <{ReversePath}> to {RecipientCount} recipients, {SizeBytes} bytes: {Reply}",
            _reversePath, _recipients.Count, _decoder.ContentOctets, final);
        Reply(final);
        ResetTransaction();
        _state = SmtpState.Ready;
    }

    byte[] ContentBuffer() => _contentBuffer ??= ArrayPool<byte>.Shared.Rent(ContentChunkOctets);

    void ResetTransaction()
    {
        _reversePath = "";
        _mailParameters = default;
        _recipients = [];
        _receiverFailed = false;
    }

    /// <summary>Drops an open message: its writer is disposed without CompleteAsync, so nothing of it is kept.</summary>
    async ValueTask AbortTransactionAsync()
    {
        await DisposeWriterAsync();
        ResetTransaction();
    }

    async ValueTask DisposeWriterAsync()
    {
        if (_writer is not { } writer)
            return;
        _writer = null;
        try
        {
            await writer.DisposeAsync();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The message receiver failed to dispose a message writer");
        }
    }
}
