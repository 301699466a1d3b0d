using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;

namespace MailFilter.Gateway.Smtp;

/// <summary>STARTTLS (RFC 3207).</summary>
internal sealed partial class SmtpSession
{
    async ValueTask HandleStartTlsAsync(CancellationToken cancellationToken)
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
        if (!TryGetCertificate(out var certificate))
        {
            Reply(SmtpReplies.TlsNotAvailable);
            return;
        }
        Reply(SmtpReplies.ReadyToStartTls);
        await FlushAsync(_options.CommandTimeout, cancellationToken);
        SslStream tls;
        try
        {
            tls = await AuthenticateAsync(certificate, cancellationToken);
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

    bool TryGetCertificate([NotNullWhen(true)] out SslStreamCertificateContext? certificate)
    {
        try
        {
            certificate = _services.Certificates!.Context;
            return true;
        }
        catch (Exception e)
        {
            _logger.LogError(e, "No STARTTLS certificate could be loaded or created");
            certificate = null;
            return false;
        }
    }

    async Task<SslStream> AuthenticateAsync(SslStreamCertificateContext certificate, CancellationToken cancellationToken)
    {
        var tls = new SslStream(new DuplexPipeStream(_transport), leaveInnerStreamOpen: false);
        using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        handshakeTimeout.CancelAfter(_options.TlsHandshakeTimeout);
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = certificate,
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
