using System.Net.Sockets;
using System.Text;
using MailFilter.Gateway.Tests.Smtp;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>
/// Mail with no header section at all — DATA then ".", BDAT 0 LAST, body lines only — is taken as Postfix takes it, and
/// leaves with the blank line that keeps its body a body behind the trace headers.
/// </summary>
public class HeaderlessMessageTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("DATA", "")]
    [InlineData("DATA", "only a body line\r\nand a second\r\n")]
    [InlineData("BDAT", "")]
    public async Task A_message_without_headers_is_accepted_and_delivered_with_its_body_intact(string command, string content)
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, new Dictionary<string, string?> { ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.EndPoint.Port}" });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway.EndPoint);
        var stream = tcp.GetStream();
        var replies = new StreamReader(stream, Encoding.ASCII);
        async Task<string> Send(string text)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
            string reply;
            while ((reply = (await replies.ReadLineAsync())!)[3] == '-') { }
            return reply;
        }
        await replies.ReadLineAsync();
        await Send("EHLO client.example.com\r\n");
        await Send("MAIL FROM:<a@example.com>\r\n");
        await Send("RCPT TO:<b@example.org>\r\n");

        var reply = command == "DATA"
            ? await Send("DATA\r\n") is var go && go.StartsWith("354") ? await Send(content + ".\r\n") : go
            : await Send($"BDAT {Encoding.ASCII.GetByteCount(content)} LAST\r\n{content}");

        reply.Should().StartWith("250 2.0.0 Ok: queued as");
        (await Eventually.TrueAsync(() => sink.Messages.Count == 1)).Should().BeTrue();
        var delivered = Encoding.ASCII.GetString(sink.Messages.Single().Content);
        delivered.Should().EndWith("X-MailFilter-Verdict: pass\r\n\r\n" + content, "the trace headers end with a blank line, then the body as sent");
    }
}
