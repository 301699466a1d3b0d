using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>STARTTLS over a raw socket: what MailKit would never send.</summary>
public class SmtpTlsTests
{
    [Fact]
    public async Task After_STARTTLS_the_client_must_greet_again()
    {
        var receiver = new RecordingReceiver();
        await using var host = await SmtpTestHost.StartAsync(receiver);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.EndPoint);
        var plain = tcp.GetStream();
        await ExchangeAsync(plain, null, "220");
        await ExchangeAsync(plain, "EHLO c", "250 CHUNKING");
        await ExchangeAsync(plain, "STARTTLS", "220 2.0.0");

        await using var tls = new SslStream(plain, leaveInnerStreamOpen: true, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("mx.test");
        (await ExchangeAsync(tls, "MAIL FROM:<a@example.com>", "503")).Should().Contain("expected EHLO or HELO");
        (await ExchangeAsync(tls, "STARTTLS", "503")).Should().StartWith("503 5.5.1");
        await ExchangeAsync(tls, "EHLO c", "250 CHUNKING");
        (await ExchangeAsync(tls, "STARTTLS", "554")).Should().Be("554 5.5.1 TLS already active");
        await ExchangeAsync(tls, "MAIL FROM:<a@example.com>", "250");
        await ExchangeAsync(tls, "RCPT TO:<b@example.org>", "250");
        await ExchangeAsync(tls, "DATA", "354");
        await ExchangeAsync(tls, "secret\r\n.", "250");

        receiver.Messages.Single().Envelope.IsTls.Should().BeTrue();
        receiver.Messages.Single().Text.Should().Be("secret\r\n");
    }

    [Fact]
    public async Task Client_that_never_finishes_the_handshake_is_dropped()
    {
        await using var host = await SmtpTestHost.StartAsync(new RecordingReceiver(), new Dictionary<string, string?> { ["Smtp:TlsHandshakeTimeout"] = "00:00:01" });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.EndPoint);
        var plain = tcp.GetStream();
        await ExchangeAsync(plain, null, "220");
        await ExchangeAsync(plain, "EHLO c", "250 CHUNKING");
        await ExchangeAsync(plain, "STARTTLS", "220 2.0.0");

        var buffer = new byte[16];
        var read = await plain.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        read.Should().Be(0, "the server closes the connection when the handshake does not come");
    }

    [Fact]
    public async Task Configured_PEM_certificate_is_used()
    {
        var directory = Directory.CreateTempSubdirectory("mailfilter-smtp-pem-");
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=configured.test", key, HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            var certificatePath = Path.Combine(directory.FullName, "cert.pem");
            var keyPath = Path.Combine(directory.FullName, "key.pem");
            await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
            await using var host = await SmtpTestHost.StartAsync(new RecordingReceiver(), new Dictionary<string, string?>
            {
                ["Smtp:TlsCertificatePath"] = certificatePath,
                ["Smtp:TlsKeyPath"] = keyPath,
            });

            (await HandshakeSubjectAsync(host, "configured.test")).Should().Be("CN=configured.test");
            File.Exists(Path.Combine(host.DataDirectory.FullName, "tls", "smtp-selfsigned.crt")).Should().BeFalse();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Configured_PFX_certificate_is_used()
    {
        var directory = Directory.CreateTempSubdirectory("mailfilter-smtp-pfx-");
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=pfx.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            var pfxPath = Path.Combine(directory.FullName, "smtp.pfx");
            await File.WriteAllBytesAsync(pfxPath, certificate.Export(X509ContentType.Pkcs12, "s3cret"));
            await using var host = await SmtpTestHost.StartAsync(new RecordingReceiver(), new Dictionary<string, string?>
            {
                ["Smtp:TlsCertificatePath"] = pfxPath,
                ["Smtp:TlsCertificatePassword"] = "s3cret",
            });

            (await HandshakeSubjectAsync(host)).Should().Be("CN=pfx.test");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Configured_certificate_that_cannot_be_loaded_stops_the_start()
    {
        var directory = Directory.CreateTempSubdirectory("mailfilter-smtp-badpem-");
        try
        {
            var certificatePath = Path.Combine(directory.FullName, "cert.pem");
            await File.WriteAllTextAsync(certificatePath, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

            var start = async () => await SmtpTestHost.StartAsync(new RecordingReceiver(), new Dictionary<string, string?> { ["Smtp:TlsCertificatePath"] = certificatePath });

            (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which.Message.Should().Contain("could not be loaded");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    static async Task<string?> HandshakeSubjectAsync(SmtpTestHost host, string targetHost = "mx.test")
    {
        string? subject = null;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.EndPoint);
        var plain = tcp.GetStream();
        await ExchangeAsync(plain, null, "220");
        await ExchangeAsync(plain, "EHLO c", "250 CHUNKING");
        await ExchangeAsync(plain, "STARTTLS", "220 2.0.0");
        await using var tls = new SslStream(plain, leaveInnerStreamOpen: true, (_, presented, _, _) =>
        {
            subject = presented?.Subject;
            return true;
        });
        await tls.AuthenticateAsClientAsync(targetHost);
        return subject;
    }

    /// <summary>Sends a command (unless null) and reads reply lines until one starts with <paramref name="until"/>.</summary>
    static async Task<string> ExchangeAsync(Stream stream, string? command, string until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        if (command is not null)
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), timeout.Token);
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0)
                throw new EndOfStreamException($"closed while waiting for {until}: {line}");
            line.Append((char)one[0]);
            var text = line.ToString();
            if (!text.EndsWith("\r\n"))
                continue;
            if (text.StartsWith(until))
                return text.TrimEnd();
            if (text.Length > 3 && text[3] == ' ' && !until.StartsWith(text[..3]))
                throw new InvalidOperationException($"expected {until}, got {text}");
            line.Clear();
        }
    }
}
