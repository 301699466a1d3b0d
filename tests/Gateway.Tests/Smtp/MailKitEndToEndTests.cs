using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>The server through AddSmtp on a real socket, with MailKit as the client.</summary>
public class MailKitEndToEndTests
{
    static MimeMessage Message(string subject, string body, string to = "bob@example.org")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("alice@example.com"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    [Fact]
    public async Task PlainSendArrivesAtTheReceiver()
    {
        var receiver = new RecordingReceiver();
        await using var host = await SmtpTestHost.StartAsync(receiver);
        using var client = new SmtpClient();
        await client.ConnectAsync(host.EndPoint.Address.ToString(), host.EndPoint.Port, SecureSocketOptions.None);
        var response = await client.SendAsync(Message("Hello", "First line\n.Dot line\nLast line\n"));
        await client.DisconnectAsync(quit: true);

        response.Should().Contain("Ok: queued as");
        receiver.Messages.Should().ContainSingle();
        var received = receiver.Messages.Single();
        received.Envelope.ReversePath.Should().Be("alice@example.com");
        received.Envelope.Recipients.Should().Equal("bob@example.org");
        received.Envelope.IsTrustedClient.Should().BeTrue();
        received.Text.Should().Contain("Subject: Hello\r\n").And.Contain("\r\n.Dot line\r\n").And.EndWith("Last line\r\n");
    }
}
