using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>DATA over raw bytes: dot-unstuffing, the end of data, bare line endings and smuggling.</summary>
public class SmtpDataFramingTests
{
    const string Envelope = "EHLO client.test\r\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.org>\r\nDATA\r\n";

    static async Task<(string Transcript, RecordingReceiver Receiver)> SendAsync(string data, BareLineEndingPolicy policy = BareLineEndingPolicy.Normalize, string after = "QUIT\r\n")
    {
        var receiver = new RecordingReceiver();
        var options = SmtpSessionHarness.DefaultOptions();
        options.BareLineEndings = policy;
        var transcript = await SmtpSessionHarness.ExchangeAsync(Envelope + data + after, options, receiver);
        return (transcript, receiver);
    }

    [Fact]
    public async Task Dot_on_first_line_is_unstuffed()
    {
        var (_, receiver) = await SendAsync("..hidden first line\r\nsecond\r\n.\r\n");

        receiver.Messages.Single().Text.Should().Be(".hidden first line\r\nsecond\r\n");
    }

    [Fact]
    public async Task Dot_on_every_line_is_unstuffed()
    {
        var (_, receiver) = await SendAsync("a\r\n..\r\n...b\r\n.c\r\n.\r\n");

        receiver.Messages.Single().Text.Should().Be("a\r\n.\r\n..b\r\nc\r\n");
    }

    [Fact]
    public async Task Empty_DATA_ends()
    {
        var (transcript, receiver) = await SendAsync(".\r\n");

        SmtpExpect.Codes(transcript).Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "354", "250 2.0.0", "221 2.0.0");
        receiver.Messages.Single().Content.Should().BeEmpty();
    }

    [Fact]
    public async Task Content_is_canonical_CRLF_and_ends_after_the_last_CRLF()
    {
        var (transcript, receiver) = await SendAsync("Subject: x\r\n\r\nbody\r\n.\r\n");

        transcript.Should().Contain("250 2.0.0 Ok: queued as");
        receiver.Messages.Single().Text.Should().Be("Subject: x\r\n\r\nbody\r\n");
    }

    [Theory]
    [InlineData("\n.\n")]
    [InlineData("\n.\r\n")]
    [InlineData("\r.\r\n")]
    [InlineData("\r\n.\n")]
    [InlineData("\r\n.\r")]
    [InlineData("\r\n.\r\r\n")]
    public async Task Smuggling_payload_never_ends_DATA_nor_starts_a_second_message(string fakeEnd)
    {
        var smuggled = "MAIL FROM:<mallory@evil.test>\r\nRCPT TO:<victim@example.org>\r\nDATA\r\nSubject: smuggled\r\n\r\nevil\r\n";
        var (transcript, receiver) = await SendAsync("Subject: real\r\n\r\nhello" + fakeEnd + smuggled + ".\r\n");

        receiver.Messages.Should().ContainSingle();
        var content = receiver.Messages.Single().Text;
        content.Should().StartWith("Subject: real\r\n").And.Contain("MAIL FROM:<mallory@evil.test>");
        content.Replace("\r\n", "").Should().NotContain("\n").And.NotContain("\r", "the default policy normalises bare line endings");
        SmtpExpect.Codes(transcript).Count(code => code == "354").Should().Be(1);
        SmtpExpect.Codes(transcript).Count(code => code == "250 2.1.0").Should().Be(1, "the smuggled MAIL must never be read as a command");
    }

    [Theory]
    [InlineData("\n.\n")]
    [InlineData("\n.\r\n")]
    [InlineData("\r.\r\n")]
    [InlineData("\r\n.\n")]
    public async Task Smuggling_payload_under_reject_policy_refuses_the_whole_message(string fakeEnd)
    {
        var (transcript, receiver) = await SendAsync("Subject: real\r\n\r\nhello" + fakeEnd + "MAIL FROM:<mallory@evil.test>\r\n.\r\n", BareLineEndingPolicy.Reject);

        transcript.Should().Contain("550 5.6.11");
        receiver.Messages.Should().BeEmpty();
        receiver.Aborted.Should().Be(1);
    }

    [Fact]
    public async Task Bare_line_feed_is_normalised_to_CRLF()
    {
        var (_, receiver) = await SendAsync("one\ntwo\rthree\r\n.\r\n");

        receiver.Messages.Single().Text.Should().Be("one\r\ntwo\r\nthree\r\n");
    }

    [Fact]
    public async Task Dot_line_after_bare_line_feed_is_kept_as_content()
    {
        var (_, receiver) = await SendAsync("one\n.\ntwo\r\n.\r\n");

        receiver.Messages.Single().Text.Should().Be("one\r\n.\r\ntwo\r\n");
    }

    [Fact]
    public async Task Message_larger_than_the_limit_is_refused_while_streaming_and_discarded()
    {
        var receiver = new RecordingReceiver();
        var options = SmtpSessionHarness.DefaultOptions();
        options.MaxMessageSizeBytes = 4096;
        var body = string.Concat(Enumerable.Repeat(new string('x', 70) + "\r\n", 200));

        var transcript = await SmtpSessionHarness.ExchangeAsync(
            Envelope + body + ".\r\n" + "MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\nsmall\r\n.\r\nQUIT\r\n", options, receiver);

        SmtpExpect.Codes(transcript).Should().Contain("552 5.3.4");
        receiver.Aborted.Should().Be(1);
        receiver.Messages.Should().ContainSingle().Which.Text.Should().Be("small\r\n", "the session stays in step and takes the next message");
    }

    [Fact]
    public async Task Declared_SIZE_over_the_limit_is_refused_at_MAIL()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.MaxMessageSizeBytes = 4096;

        var transcript = await SmtpSessionHarness.ExchangeAsync("EHLO c\r\nMAIL FROM:<a@example.com> SIZE=5000\r\nMAIL FROM:<a@example.com> SIZE=4096\r\n", options);

        SmtpExpect.Codes(transcript).Should().Equal("220", "250", "552 5.3.4", "250 2.1.0");
    }

    [Fact]
    public async Task Text_line_longer_than_the_limit_refuses_the_message_after_draining()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.MaxTextLineLengthOctets = 1000;
        var receiver = new RecordingReceiver();

        var transcript = await SmtpSessionHarness.ExchangeAsync(Envelope + new string('y', 999) + "\r\n.\r\nNOOP\r\n", options, receiver);

        SmtpExpect.Codes(transcript).Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "354", "554 5.6.0", "250 2.0.0");
        receiver.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Text_line_of_exactly_the_limit_is_accepted()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.MaxTextLineLengthOctets = 1000;
        var receiver = new RecordingReceiver();

        await SmtpSessionHarness.ExchangeAsync(Envelope + new string('y', 998) + "\r\n.\r\n", options, receiver);

        receiver.Messages.Single().Content.Length.Should().Be(1000);
    }

    [Fact]
    public async Task DATA_without_any_accepted_recipient_gets_554_no_valid_recipients()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.TrustedNetworks = [];

        var transcript = await SmtpSessionHarness.ExchangeAsync("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@elsewhere.test>\r\nDATA\r\n", options);

        SmtpExpect.Codes(transcript).Should().Equal("220", "250", "250 2.1.0", "554 5.7.1", "554 5.5.1");
    }

    [Fact]
    public async Task Client_disconnecting_inside_DATA_aborts_the_message()
    {
        var receiver = new RecordingReceiver();

        await SmtpSessionHarness.ExchangeAsync(Envelope + "Subject: cut\r\n\r\nhalf a mess", receiver: receiver);

        receiver.Messages.Should().BeEmpty();
        receiver.Aborted.Should().Be(1);
    }
}
