using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MailFilter.Gateway.Tests.EndToEnd;

static class TestMessages
{
    /// <summary>Raw bytes of a well-formed message, with a leading-dot line and an 8-bit line, that MimeKit round-trips exactly.</summary>
    public static byte[] Raw(string id, string from = "alice@example.com", string to = "bob@example.org") => Encoding.UTF8.GetBytes(
        $"From: Alice <{from}>\r\n" +
        $"To: <{to}>\r\n" +
        $"Subject: Minutes {id}\r\n" +
        $"Message-ID: <{id}@example.com>\r\n" +
        "Date: Mon, 2 Mar 2026 09:00:00 +0000\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: 8bit\r\n" +
        "\r\n" +
        "The council met at 10.\r\n" +
        ".A line that starts with a dot\r\n" +
        "..and one with two\r\n" +
        "Grüße aus dem Rathaus\r\n" +
        "\r\n" +
        "-- \r\n" +
        "Clerk\r\n");

    public static MimeMessage Parse(byte[] raw) => MimeMessage.Load(new MemoryStream(raw));

    public static async Task<SmtpClient> ConnectAsync(System.Net.IPEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        var client = new SmtpClient { Timeout = 120_000 };
        await client.ConnectAsync(endPoint.Address.ToString(), endPoint.Port, SecureSocketOptions.None, cancellationToken);
        return client;
    }

    public static string? MessageIdOf(byte[] content)
    {
        using var message = MimeMessage.Load(new MemoryStream(content));
        return message.MessageId;
    }
}
