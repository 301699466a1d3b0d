using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailFilter.Gateway.Smtp;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>The server through AddSmtp on a real socket on port 0, with MailKit as the client.</summary>
public class MailKitEndToEndTests
{
    static MimeMessage Message(string subject, string body, params string[] to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("alice@example.com"));
        foreach (var recipient in to.DefaultIfEmpty("bob@example.org"))
            message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    static async Task<SmtpClient> ConnectAsync(SmtpTestHost host, SecureSocketOptions security = SecureSocketOptions.None, SmtpClient? client = null)
    {
        client ??= new SmtpClient();
        client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        await client.ConnectAsync(host.EndPoint.Address.ToString(), host.EndPoint.Port, security);
        return client;
    }

    [Fact]
    public async Task Plain_send_arrives_at_the_receiver()
    {
        var receiver = new RecordingReceiver();
        await using var host = await SmtpTestHost.StartAsync(receiver);
        using var client = await ConnectAsync(host);
        var response = await client.SendAsync(Message("Hello", "First line\n.Dot line\nLast line\n"));
        await client.DisconnectAsync(quit: true);

        response.Should().Contain("Ok: queued as");
        var received = receiver.Messages.Should().ContainSingle().Subject;
        received.Envelope.ReversePath.Should().Be("alice@example.com");
        received.Envelope.Recipients.Should().Equal("bob@example.org");
        received.Envelope.IsTrustedClient.Should().BeTrue();
        received.Envelope.RemoteEndPoint.Address.Should().Be(host.EndPoint.Address);
        received.Text.Should().Contain("Subject: Hello\r\n").And.Contain("\r\n.Dot line\r\n").And.EndWith("Last line\r\n");
    }

    [Fact]
    public async Task Pipelined_transactions_on_one_connection_all_arrive()
    {
        var receiver = new RecordingReceiver();
        await using var host = await SmtpTestHost.StartAsync(receiver);
        using var client = await ConnectAsync(host);

        client.Capabilities.Should().HaveFlag(SmtpCapabilities.Pipelining).And.HaveFlag(SmtpCapabilities.EnhancedStatusCodes)
            .And.HaveFlag(SmtpCapabilities.Size).And.HaveFlag(SmtpCapabilities.EightBitMime).And.HaveFlag(SmtpCapabilities.UTF8)
            .And.HaveFlag(SmtpCapabilities.Chunking).And.HaveFlag(SmtpCapabilities.StartTLS);
        for (var i = 0; i < 5; i++)
            await client.SendAsync(Message($"Message {i}", "body", "one@example.org", "two@example.org", "three@example.org"));
        await client.DisconnectAsync(quit: true);

        receiver.Messages.Should().HaveCount(5).And.OnlyContain(m => m.Envelope.Recipients.Count == 3);
    }

    [Fact]
    public async Task STARTTLS_with_the_generated_certificate()
    {
        var receiver = new RecordingReceiver();
        await using var host = await SmtpTestHost.StartAsync(receiver);
        var log = new MemoryStream();
        using var client = await ConnectAsync(host, SecureSocketOptions.StartTls, new SmtpClient(new ProtocolLogger(log, leaveOpen: true)));

        client.IsSecure.Should().BeTrue();
        await client.SendAsync(Message("Secret", "over TLS"));
        await client.DisconnectAsync(quit: true);

        var transcript = Encoding.UTF8.GetString(log.ToArray());
        transcript.Split("EHLO").Should().HaveCount(3, "the client says EHLO again after the handshake");
        transcript.Split("250-STARTTLS").Should().HaveCount(2, "STARTTLS is offered before TLS only");

        receiver.Messages.Single().Envelope.IsTls.Should().BeTrue();
        File.Exists(Path.Combine(host.DataDirectory.FullName, "tls", "smtp-selfsigned.crt")).Should().BeTrue();
        File.Exists(Path.Combine(host.DataDirectory.FullName, "tls", "smtp-selfsigned.key")).Should().BeTrue();
    }

    [Fact]
    public async Task Generated_certificate_is_reused_after_a_restart()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("mailfilter-smtp-");
        var first = await ServerCertificateAsync(dataDirectory);
        var second = await ServerCertificateAsync(dataDirectory);
        dataDirectory.Delete(recursive: true);

        second.Should().Be(first);

        static async Task<string> ServerCertificateAsync(DirectoryInfo dataDirectory)
        {
            var host = await SmtpTestHost.StartAsync(new RecordingReceiver(), dataDirectory: dataDirectory);
            await using var _ = new KeepDirectory(host);
            string? thumbprint = null;
            using var client = new SmtpClient();
            client.ServerCertificateValidationCallback = (_, certificate, _, _) =>
            {
                thumbprint = new X509Certificate2(certificate!).Thumbprint;
                return true;
            };
            await client.ConnectAsync(host.EndPoint.Address.ToString(), host.EndPoint.Port, SecureSocketOptions.StartTls);
            await client.DisconnectAsync(quit: true);
            return thumbprint!;
        }
    }

    [Fact]
    public async Task BDAT_from_MailKit_delivers_the_message()
    {
        var receiver = new RecordingReceiver();
        await using var host = await SmtpTestHost.StartAsync(receiver);
        var log = new MemoryStream();
        using var client = await ConnectAsync(host, client: new BdatSmtpClient(new ProtocolLogger(log, leaveOpen: true)));
        await client.SendAsync(Message("Chunked", "line one\n.\nline three\n"));
        await client.DisconnectAsync(quit: true);

        Encoding.UTF8.GetString(log.ToArray()).Should().Contain("BDAT ").And.NotContain("C: DATA");
        receiver.Messages.Single().Text.Should().Contain("line one\r\n.\r\nline three\r\n");
    }

    [Fact]
    public async Task International_addresses_travel_with_SMTPUTF8()
    {
        var receiver = new RecordingReceiver();
        await using var host = await SmtpTestHost.StartAsync(receiver);
        using var client = await ConnectAsync(host);
        var message = Message("Grüße", "Ünïcödé body", "bjørn@exämple.org");
        message.From.Clear();
        message.From.Add(MailboxAddress.Parse("josé@exämple.com"));

        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);

        var envelope = receiver.Messages.Single().Envelope;
        envelope.SmtpUtf8.Should().BeTrue();
        envelope.ReversePath.Should().Be("josé@exämple.com");
        envelope.Recipients.Should().Equal("bjørn@exämple.org");
    }

    [Fact]
    public async Task Open_relay_is_refused_for_an_untrusted_client()
    {
        var receiver = new RecordingReceiver();
        await using var host = await SmtpTestHost.StartAsync(receiver, new Dictionary<string, string?>
        {
            ["Smtp:TrustedNetworks"] = "",
            ["Smtp:AcceptedDomains:0"] = "city.example",
        });
        using var client = await ConnectAsync(host);

        var relay = async () => await client.SendAsync(Message("Spam", "buy now", "victim@elsewhere.test"));
        (await relay.Should().ThrowAsync<SmtpCommandException>()).Which.StatusCode.Should().Be(SmtpStatusCode.TransactionFailed);
        await client.SendAsync(Message("Inbound", "hello clerk", "clerk@city.example"));
        await client.DisconnectAsync(quit: true);

        var received = receiver.Messages.Should().ContainSingle().Subject;
        received.Envelope.Recipients.Should().Equal("clerk@city.example");
        received.Envelope.IsTrustedClient.Should().BeFalse();
    }

    [Fact]
    public async Task Fifty_megabyte_message_streams_through_in_chunks()
    {
        var receiver = new CountingReceiver();
        await using var host = await SmtpTestHost.StartAsync(receiver);
        using var client = await ConnectAsync(host);
        var message = Message("Big", "");
        const long bodyOctets = 50L * 1000 * 1000;
        message.Body = new MimePart("text", "plain")
        {
            Content = new MimeContent(new GeneratedTextStream(bodyOctets)),
            ContentTransferEncoding = ContentEncoding.SevenBit,
        };
        client.Timeout = (int)TimeSpan.FromMinutes(5).TotalMilliseconds;

        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);

        receiver.Completed.Should().Be(1);
        receiver.Octets.Should().BeGreaterThan(bodyOctets);
        receiver.LargestWrite.Should().BeLessThanOrEqualTo(64 * 1024);
        receiver.Writes.Should().BeLessThan((int)(bodyOctets / 78 / 10), "content is handed on in chunks, not line by line");
    }

    [Fact]
    public async Task Several_megabytes_stream_through_TLS()
    {
        var receiver = new CountingReceiver();
        await using var host = await SmtpTestHost.StartAsync(receiver);
        using var client = await ConnectAsync(host, SecureSocketOptions.StartTls);
        const long bodyOctets = 5L * 1000 * 1000;

        for (var i = 0; i < 2; i++)
        {
            var message = Message($"Big over TLS {i}", "");
            message.Body = new MimePart("text", "plain")
            {
                Content = new MimeContent(new GeneratedTextStream(bodyOctets)),
                ContentTransferEncoding = ContentEncoding.SevenBit,
            };
            await client.SendAsync(message);
        }
        await client.DisconnectAsync(quit: true);

        receiver.Completed.Should().Be(2);
        receiver.Octets.Should().BeGreaterThan(2 * bodyOctets);
    }

    [Fact]
    public async Task Connections_over_the_per_client_limit_get_421()
    {
        await using var host = await SmtpTestHost.StartAsync(new RecordingReceiver(), new Dictionary<string, string?>
        {
            ["Smtp:TrustedNetworks:0"] = "192.0.2.0/24",
            ["Smtp:MaxConnectionsPerClientAddress"] = "1",
        });
        using var first = await ConnectAsync(host);

        var refused = await FirstLineAsync(host);
        await first.NoOpAsync();
        await first.DisconnectAsync(quit: true);

        refused.Should().StartWith("421 4.7.0");
    }

    [Fact]
    public async Task Stopping_the_host_sends_421_to_idle_sessions()
    {
        var host = await SmtpTestHost.StartAsync(new RecordingReceiver());
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.EndPoint);
        using var reader = new StreamReader(tcp.GetStream());
        (await reader.ReadLineAsync())!.Should().StartWith("220");

        var stopping = host.DisposeAsync().AsTask();
        var last = await reader.ReadLineAsync();
        await stopping;

        last.Should().StartWith("421 4.3.2");
    }

    [Fact]
    public async Task Listener_reports_the_bound_port()
    {
        await using var host = await SmtpTestHost.StartAsync(new RecordingReceiver());

        host.Services.GetRequiredService<SmtpListener>().EndPoint.Port.Should().BeGreaterThan(0);
        (await FirstLineAsync(host)).Should().StartWith("220 mx.test ESMTP");
    }

    static async Task<string> FirstLineAsync(SmtpTestHost host)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.EndPoint);
        using var reader = new StreamReader(tcp.GetStream());
        return await reader.ReadLineAsync() ?? "";
    }

    /// <summary>Stops a host but keeps its data directory (the restart test reuses it).</summary>
    sealed class KeepDirectory(SmtpTestHost host) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => host.StopAsync();
    }
}
