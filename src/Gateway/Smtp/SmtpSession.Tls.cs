using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;

namespace MailFilter.Gateway.Smtp;

/// <summary>STARTTLS (RFC 3207).</summary>
internal sealed partial class SmtpSession
{
    async ValueTask HandleStartTlsAsync()
    {
        // Bytes the client sent after STARTTLS, before the handshake, would be read as if they came over TLS
        // (the STARTTLS command-injection attack, CVE-2011-0411): that is a protocol violation, so drop the connection.
        if (_input.TryRead(out var early))
        {
            var pipelined = early.Buffer.Length;
            _input.AdvanceTo(early.Buffer.Start);
            if (pipelined > 0)
            {
                _logger.LogInformation("Dropping the connection: {Octets} octets pipelined after STARTTLS", pipelined);
                _closing = true;
                return;
            }
        }
        Reply(SmtpReplies.ReadyToStartTls);
        await FlushAsync(_options.CommandTimeout);
        SslStream tls;
        try
        {
            tls = await AuthenticateAsync();
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException && !_sessionTimeout.IsCancellationRequested)
        {
            _logger.LogInformation("TLS handshake failed: {Reason}", e.Message);
            _closing = true;
            return;
        }
        _tls = tls;
        _input = PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true));
        _output = PipeWriter.Create(tls, new StreamPipeWriterOptions(leaveOpen: true));
        _logger.LogInformation("TLS started: {Protocol} {Cipher}", tls.SslProtocol, tls.NegotiatedCipherSuite);
        // RFC 3207 §4.2: after the handshake the session starts over, and the client must EHLO again.
        ResetTransaction();
        _heloName = "";
        _state = SmtpStateTable.Next(_state, SmtpVerb.StartTls);
    }

    async Task<SslStream> AuthenticateAsync()
    {
        var tls = new SslStream(new DuplexPipeStream(_transport), leaveInnerStreamOpen: false);
        using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(_token);
        handshakeTimeout.CancelAfter(_options.TlsHandshakeTimeout);
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = _services.Certificates!.Context,
                ClientCertificateRequired = false,
            }, handshakeTimeout.Token);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync();
            throw;
        }
    }
}
