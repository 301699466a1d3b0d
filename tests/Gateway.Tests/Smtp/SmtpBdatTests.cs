using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>CHUNKING (RFC 3030) over raw bytes.</summary>
public class SmtpBdatTests
{
    const string Envelope = "EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\n";

    static async Task<(IReadOnlyList<string> Codes, RecordingReceiver Receiver)> SendAsync(string commands, SmtpOptions? options = null)
    {
        var receiver = new RecordingReceiver();
        var transcript = await SmtpSessionHarness.ExchangeAsync(commands, options, receiver);
        return (SmtpExpect.Codes(transcript), receiver);
    }

    [Fact]
    public async Task Single_LAST_chunk_is_the_message_verbatim()
    {
        var (codes, receiver) = await SendAsync(Envelope + "BDAT 16 LAST\r\n.\r\nline\r\n.\r\n..\r\nNOOP\r\n");

        codes.Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "250 2.0.0", "250 2.0.0");
        receiver.Messages.Single().Text.Should().Be(".\r\nline\r\n.\r\n..\r\n", "BDAT content is never dot-unstuffed, and no dot ends it");
    }

    [Fact]
    public async Task Chunks_are_joined_in_order()
    {
        var (codes, receiver) = await SendAsync(Envelope + "BDAT 6\r\nHello,BDAT 8\r\n world\r\nBDAT 0 LAST\r\n");

        codes.Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "250 2.0.0", "250 2.0.0", "250 2.0.0");
        receiver.Messages.Single().Text.Should().Be("Hello, world\r\n");
    }

    [Fact]
    public async Task BDAT_0_LAST_alone_is_an_empty_message()
    {
        var (_, receiver) = await SendAsync(Envelope + "BDAT 0 LAST\r\n");

        receiver.Messages.Single().Content.Should().BeEmpty();
    }

    [Fact]
    public async Task CRLF_split_across_chunks_stays_one_line_ending()
    {
        var (_, receiver) = await SendAsync(Envelope + "BDAT 4\r\nab\r\rBDAT 3 LAST\r\n\ncd");

        receiver.Messages.Single().Text.Should().Be("ab\r\n\r\ncd", "the CR ending one chunk and the LF starting the next are one CRLF");
    }

    [Fact]
    public async Task Bare_line_feed_in_chunk_is_normalised()
    {
        var (_, receiver) = await SendAsync(Envelope + "BDAT 8 LAST\r\none\ntwo\r");

        receiver.Messages.Single().Text.Should().Be("one\r\ntwo\r\n");
    }

    [Fact]
    public async Task Bare_line_feed_in_chunk_under_reject_policy_fails_the_transaction()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.BareLineEndings = BareLineEndingPolicy.Reject;

        var (codes, receiver) = await SendAsync(Envelope + "BDAT 5\r\none\n\nBDAT 3 LAST\r\nend", options);

        codes.Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "550 5.6.11", "503 5.5.1");
        receiver.Messages.Should().BeEmpty();
        receiver.Aborted.Should().Be(1);
    }

    [Fact]
    public async Task BDAT_before_MAIL_is_refused_and_its_chunk_is_not_read_as_commands()
    {
        var (codes, receiver) = await SendAsync("EHLO c\r\nBDAT 45\r\nMAIL FROM:<x@evil.test>\r\nRCPT TO:<y@a.test>\r\nNOOP\r\n");

        codes.Should().Equal("220", "250", "503 5.5.1", "250 2.0.0");
        receiver.Begun.Should().Be(0);
    }

    [Fact]
    public async Task BDAT_without_accepted_recipients_is_refused_with_554()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.TrustedNetworks = [];

        var (codes, _) = await SendAsync("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@elsewhere.test>\r\nBDAT 4 LAST\r\nNOOPNOOP\r\n", options);

        codes.Should().Equal("220", "250", "250 2.1.0", "554 5.7.1", "554 5.5.1", "250 2.0.0");
    }

    [Fact]
    public async Task DATA_inside_a_BDAT_transaction_is_a_bad_sequence()
    {
        var (codes, receiver) = await SendAsync(Envelope + "BDAT 3\r\nabcDATA\r\nMAIL FROM:<a@example.com>\r\nBDAT 3 LAST\r\ndef");

        codes.Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "250 2.0.0", "503 5.5.1", "503 5.5.1", "250 2.0.0");
        receiver.Messages.Single().Text.Should().Be("abcdef");
    }

    [Fact]
    public async Task Chunks_over_the_size_limit_fail_the_transaction()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.MaxMessageSizeBytes = 1024;
        var chunk = new string('z', 1000);

        var (codes, receiver) = await SendAsync(Envelope + $"BDAT 1000\r\n{chunk}BDAT 1000 LAST\r\n{chunk}NOOP\r\n", options);

        codes.Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "250 2.0.0", "552 5.3.4", "250 2.0.0");
        receiver.Messages.Should().BeEmpty();
        receiver.Aborted.Should().Be(1);
    }

    [Fact]
    public async Task First_chunk_over_the_size_limit_is_refused_without_opening_a_message()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.MaxMessageSizeBytes = 1024;

        var (codes, receiver) = await SendAsync(Envelope + $"BDAT 2000 LAST\r\n{new string('z', 2000)}NOOP\r\n", options);

        codes.Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "552 5.3.4", "250 2.0.0");
        receiver.Begun.Should().Be(0);
    }

    [Fact]
    public async Task RSET_during_chunking_aborts_the_message()
    {
        var (codes, receiver) = await SendAsync(Envelope + "BDAT 3\r\nabcRSET\r\nBDAT 3 LAST\r\nabc");

        codes.Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "250 2.0.0", "250 2.0.0", "503 5.5.1");
        receiver.Messages.Should().BeEmpty();
        receiver.Aborted.Should().Be(1);
    }

    [Theory]
    [InlineData("BDAT -1")]
    [InlineData("BDAT 1x")]
    [InlineData("BDAT 10 FIRST")]
    [InlineData("BDAT 1234567890123456789")]
    public async Task Malformed_BDAT_gets_501(string command)
    {
        var (codes, _) = await SendAsync(Envelope + command + "\r\n");

        codes.Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "501 5.5.4");
    }

    [Fact]
    public async Task Client_disconnecting_inside_a_chunk_aborts_the_message()
    {
        var (_, receiver) = await SendAsync(Envelope + "BDAT 100 LAST\r\nonly part");

        receiver.Messages.Should().BeEmpty();
        receiver.Aborted.Should().Be(1);
    }
}
