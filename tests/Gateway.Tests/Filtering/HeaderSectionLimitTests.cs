using System.Diagnostics;
using System.Text;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Tests.EndToEnd;
using System.Net.Sockets;

namespace MailFilter.Gateway.Tests.Filtering;

/// <summary>A header section too large to parse cheaply is refused while it streams, never handed to MimeKit.</summary>
public class HeaderSectionLimitTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("Subject: a\r\nX-A: b\r\n\r\nbody", true, 26)]
    [InlineData("Subject: a\nX-A: b\n\nbody", true, 22)]
    [InlineData("Subject: a\r\nX-Long: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\r\n\r\nbody", false, 32)]
    public void The_meter_counts_up_to_the_blank_line(string message, bool fits, int maxBytes)
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(message));
        HeaderSectionMeter.FitsWithin(stream, maxBytes).Should().Be(fits);
        stream.Position.Should().Be(0);
    }

    [Fact]
    public async Task A_two_megabyte_folded_header_gets_554_at_the_end_of_data_and_nothing_is_kept()
    {
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, new Dictionary<string, string?> { ["Smtp:AcceptedDomains:0"] = "example.org" });
        var folded = string.Join("\r\n ", Enumerable.Range(0, 2 * 1024 * 1024 / 72).Select(i => $"word{i:D6}".PadRight(68, 'x')));
        var message = Encoding.ASCII.GetBytes($"From: a@example.com\r\nTo: b@example.org\r\nX-Padding: {folded}\r\nSubject: big header\r\n\r\nbody\r\n");
        // Raw SMTP: a client library would parse the message itself, which costs what the limit saves.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway.EndPoint);
        var stream = tcp.GetStream();
        var replies = new StreamReader(stream, Encoding.ASCII);
        async Task<string> Command(string line)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
            string reply;
            while ((reply = (await replies.ReadLineAsync())!)[3] == '-') { }
            return reply;
        }
        await replies.ReadLineAsync();
        await Command("EHLO client.example.com");
        await Command("MAIL FROM:<a@example.com>");
        (await Command("RCPT TO:<b@example.org>")).Should().StartWith("250");
        (await Command("DATA")).Should().StartWith("354");
        await stream.WriteAsync(message);

        var clock = Stopwatch.StartNew();
        var reply = await Command(".");

        reply.Should().Be("554 5.6.0 Message header section exceeds 262144 octets");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "nothing parses the header (it took over 20 s of CPU before the limit)");
        Directory.EnumerateFiles(gateway.QueueDirectory("incoming")).Should().BeEmpty();
        Directory.EnumerateFiles(gateway.QueueDirectory("active")).Should().BeEmpty();
        (await Command("NOOP")).Should().StartWith("250", "the session goes on after the refusal");
        using var http = new HttpClient();
        (await http.GetStringAsync(gateway.ConsoleUrl + "/metrics")).Should()
            .Contain("mailfilter_smtp_end_of_data_replies_total{code=\"554\",enhanced=\"5.6.0\"}", "every reply at the end of data is counted");
    }
}
