using System.Text;
using MailFilter.Gateway.Verdicts;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;

namespace MailFilter.Gateway.Tests.Queue;

public class OutgoingMessageTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly MessageQueue queue;

    public OutgoingMessageTests() => queue = new MessageQueue(Path.Combine(temp.Path, "queue"), new DurableFileSystem(), TimeProvider.System);

    public void Dispose() => temp.Dispose();

    async Task<OutgoingMessage> CreateAsync(string raw, string body = "8bitmime")
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), message: raw);
        return OutgoingMessage.Create(envelope, Verdict.Pass, queue.Read(QueueState.Active, envelope.Id).Message, "gw.example.org", "");
    }

    static string MailKitBytes(OutgoingMessage message)
    {
        var options = RawMimeMessage.CreateFormatOptions(international: false);
        options.EnsureNewLine = true; // as MailKit's SmtpClient sets it
        using var output = new MemoryStream();
        RawMimeMessage.Create(message).WriteTo(options, output);
        return Encoding.Latin1.GetString(output.ToArray());
    }

    [Fact]
    public async Task MimeKit_writes_the_wrapper_as_exactly_the_trace_headers_then_the_stored_bytes()
    {
        const string raw = "X-Odd:no space\r\nSubject:  two  spaces \r\n\tfolded\r\nFrom: a@b\r\n\r\nbody \xe9\r\n.\r\n";
        var message = await CreateAsync(raw);

        var written = MailKitBytes(message);

        using var expected = new MemoryStream();
        await message.WriteToAsync(expected, ensureNewLine: false, CancellationToken.None);
        written.Should().Be(Encoding.Latin1.GetString(expected.ToArray()));
        written.Should().EndWith("X-MailFilter-Verdict: pass\r\n" + raw);
        written.Should().NotContain("Content-Type").And.NotContain("Content-Transfer-Encoding");
    }

    [Fact]
    public async Task Content_without_a_final_line_break_gets_one_so_the_end_of_data_cannot_join_the_last_line()
    {
        var message = await CreateAsync("Subject: x\r\n\r\nno final line break");

        MailKitBytes(message).Should().EndWith("\r\n\r\nno final line break\r\n");
    }

    [Fact]
    public async Task The_Received_header_has_the_RFC_5321_form_with_the_queue_id_and_protocol()
    {
        var message = await CreateAsync(QueueTestData.Message);

        using var output = new MemoryStream();
        await message.WriteToAsync(output, ensureNewLine: false, CancellationToken.None);

        Encoding.ASCII.GetString(output.ToArray()).Should().StartWith(
            "Received: from client.example.net ([192.0.2.7])\r\n" +
            $"\tby gw.example.org (MailFilter) with ESMTP id {message.Id}\r\n" +
            "\tfor <bob@example.org>; Mon, 02 Mar 2026 09:00:00 +0000\r\n" +
            $"X-MailFilter-Queue-Id: {message.Id}\r\n");
    }

    [Fact]
    public void Over_TLS_with_authentication_the_protocol_is_ESMTPSA_and_IPv6_clients_are_literals()
    {
        var envelope = new QueueEnvelope
        {
            Id = "0000000000000001",
            ArrivedAt = DateTimeOffset.UnixEpoch,
            Client = new QueueClient { Address = "2001:db8::7", Helo = "[IPv6:2001:db8::7]", Tls = true, AuthenticatedUser = "clerk" },
            Recipients = [new QueueRecipient { Address = "a@example.org" }, new QueueRecipient { Address = "b@example.org" }],
        };

        var received = TraceHeaders.Received(envelope, "gw");

        received.Should().Be("Received: from [IPv6:2001:db8::7] ([IPv6:2001:db8::7])\r\n\tby gw (MailFilter) with ESMTPSA id 0000000000000001; Thu, 01 Jan 1970 00:00:00 +0000\r\n",
            "with several recipients no 'for' clause discloses them");
    }

    [Theory]
    [InlineData("relay.example.org:2525", "relay.example.org", 2525)]
    [InlineData("relay.example.org", "relay.example.org", 25)]
    [InlineData("[2001:db8::1]:587", "2001:db8::1", 587)]
    [InlineData("10.0.0.5:25", "10.0.0.5", 25)]
    public void Next_hops_parse_from_host_and_port(string text, string host, int port)
    {
        NextHop.TryParse(text, out var hop).Should().BeTrue();
        hop.Should().Be(new NextHop(host, port));
    }

    [Theory]
    [InlineData("")]
    [InlineData("host:0")]
    [InlineData("host:99999")]
    [InlineData("2001:db8::1")]
    [InlineData("host:port")]
    public void Malformed_next_hops_are_refused(string text) => NextHop.TryParse(text, out _).Should().BeFalse();
}
