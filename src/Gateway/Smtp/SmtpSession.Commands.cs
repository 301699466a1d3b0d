using System.Text;

namespace MailFilter.Gateway.Smtp;

/// <summary>The commands other than content and TLS.</summary>
internal sealed partial class SmtpSession
{
    ValueTask HandleCommandAsync(int length, CancellationToken cancellationToken)
    {
        var line = _commandLine.AsSpan(0, length);
        if (!SmtpVerbs.TryParse(line, out var verb, out var argument))
        {
            ReplyError(SmtpReplies.CommandUnrecognized);
            return ValueTask.CompletedTask;
        }
        if (!SmtpStateTable.Allows(_state, verb))
        {
            // A refused BDAT is still followed by its chunk: read past it, or the chunk would be taken for commands.
            if (verb == SmtpVerb.Bdat && SmtpCommandArguments.TryParseBdat(argument, out var size, out _, out _))
                return RefuseChunkAsync(size, SmtpStateTable.BadSequence(_state), countAsError: true, cancellationToken);
            ReplyError(SmtpStateTable.BadSequence(_state));
            return ValueTask.CompletedTask;
        }
        switch (verb)
        {
            case SmtpVerb.Ehlo:
            case SmtpVerb.Helo:
                HandleHello(verb, argument);
                break;
            case SmtpVerb.Mail:
                HandleMail(argument);
                break;
            case SmtpVerb.Rcpt:
                HandleRcpt(argument);
                break;
            case SmtpVerb.Data:
                if (SmtpCommandArguments.IsEmpty(argument))
                    return HandleDataAsync(cancellationToken);
                ReplyError(SmtpReplies.Syntax("Syntax: DATA"));
                break;
            case SmtpVerb.Bdat:
                if (SmtpCommandArguments.TryParseBdat(argument, out var chunkSize, out var isLast, out var bdatError))
                    return HandleBdatAsync(chunkSize, isLast, cancellationToken);
                ReplyError(bdatError);
                break;
            case SmtpVerb.Rset:
                return HandleResetAsync(SmtpCommandArguments.IsEmpty(argument));
            case SmtpVerb.Noop:
                Reply(SmtpReplies.Ok);
                break;
            case SmtpVerb.Quit:
                Reply(SmtpReplies.Bye);
                _closing = true;
                break;
            case SmtpVerb.Vrfy:
                if (SmtpCommandArguments.IsEmpty(argument))
                    ReplyError(SmtpReplies.Syntax("Syntax: VRFY address"));
                else
                    Reply(SmtpReplies.CannotVerify);
                break;
            case SmtpVerb.Help:
                Reply(SmtpReplies.Help);
                break;
            case SmtpVerb.StartTls:
                if (_services.Certificates is null)
                    ReplyError(SmtpReplies.CommandNotImplemented);
                else if (IsTls)
                    ReplyError(SmtpReplies.TlsAlreadyActive);
                else if (!SmtpCommandArguments.IsEmpty(argument))
                    ReplyError(SmtpReplies.Syntax("Syntax: STARTTLS"));
                else
                    return HandleStartTlsAsync(cancellationToken);
                break;
            default:
                ReplyError(SmtpReplies.CommandNotImplemented);
                break;
        }
        return ValueTask.CompletedTask;
    }

    void HandleHello(SmtpVerb verb, ReadOnlySpan<byte> argument)
    {
        if (!SmtpCommandArguments.TryParseHello(argument, out var heloName, out var error))
        {
            ReplyError(error);
            return;
        }
        ResetTransaction();
        _heloName = heloName;
        _state = SmtpStateTable.Next(_state, verb);
        if (verb == SmtpVerb.Helo)
        {
            Reply(new SmtpReply(250, "", _options.ServerName));
            return;
        }
        List<string> lines =
        [
            $"{_options.ServerName} greets {heloName}",
            "PIPELINING",
            $"SIZE {_options.MaxMessageSizeBytes}",
            "8BITMIME",
            "SMTPUTF8",
            "ENHANCEDSTATUSCODES",
        ];
        if (_services.Certificates is not null && !IsTls)
            lines.Add("STARTTLS");
        lines.Add("CHUNKING");
        SmtpReplyWriter.WriteLines(_output, 250, lines);
    }

    void HandleMail(ReadOnlySpan<byte> argument)
    {
        if (!SmtpCommandArguments.TryParseMail(argument, _options.StrictEnvelopeSyntax, out var reversePath, out var parameters, out var error))
        {
            ReplyError(error);
            return;
        }
        if (parameters.DeclaredSize > _options.MaxMessageSizeBytes)
        {
            Reply(SmtpReplies.MessageTooBig);
            return;
        }
        if (!parameters.SmtpUtf8 && !Ascii.IsValid(reversePath))
        {
            ReplyError(SmtpReplies.NonAsciiAddressWithoutSmtpUtf8);
            return;
        }
        ResetTransaction();
        _reversePath = reversePath;
        _mailParameters = parameters;
        _state = SmtpStateTable.Next(_state, SmtpVerb.Mail);
        Reply(SmtpReplies.SenderOk);
    }

    void HandleRcpt(ReadOnlySpan<byte> argument)
    {
        if (!SmtpCommandArguments.TryParseRcpt(argument, _options.StrictEnvelopeSyntax, out var forwardPath, out var error))
        {
            ReplyError(error);
            return;
        }
        if (forwardPath == "Postmaster")
            forwardPath = $"Postmaster@{_services.Relay.FirstAcceptedDomain ?? _options.ServerName}";
        if (!_mailParameters.SmtpUtf8 && !Ascii.IsValid(forwardPath))
        {
            ReplyError(SmtpReplies.NonAsciiAddressWithoutSmtpUtf8);
            return;
        }
        if (_recipients.Count >= _options.MaxRecipientsPerMessage)
        {
            Reply(SmtpReplies.TooManyRecipients);
            return;
        }
        if (!_services.Relay.MayRelayTo(forwardPath, _isTrustedClient))
        {
            _logger.LogInformation("Relay denied for {Recipient} from {RemoteEndPoint}", forwardPath, _context.RemoteEndPoint);
            ReplyError(SmtpReplies.RelayDenied);
            return;
        }
        if (!_recipients.Contains(forwardPath))
            _recipients.Add(forwardPath);
        _state = SmtpStateTable.Next(_state, SmtpVerb.Rcpt);
        Reply(SmtpReplies.RecipientOk);
    }

    async ValueTask HandleResetAsync(bool hasNoArgument)
    {
        if (!hasNoArgument)
        {
            ReplyError(SmtpReplies.Syntax("Syntax: RSET"));
            return;
        }
        await AbortTransactionAsync();
        _state = SmtpStateTable.Next(_state, SmtpVerb.Rset);
        Reply(SmtpReplies.Ok);
    }
}
