using System.Net;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>Command grammar and replies over raw bytes, named for the hostile input.</summary>
public class SmtpCommandTests
{
    static async Task<IReadOnlyList<string>> CodesAsync(string commands, SmtpOptions? options = null, IPAddress? client = null) =>
        SmtpExpect.Codes(await SmtpSessionHarness.ExchangeAsync(commands, options, client: client));

    [Fact]
    public async Task MAIL_FROM_with_trailing_junk_is_rejected()
    {
        var codes = await CodesAsync("EHLO c\r\nMAIL FROM:<a@example.com>junk\r\nMAIL FROM:<a@example.com> junk\r\nRCPT TO:<b@example.org>\r\n");

        codes.Should().Equal("220", "250", "501 5.5.4", "555 5.5.4", "503 5.5.1");
    }

    [Fact]
    public async Task SIZE_parameter_given_twice_is_rejected_not_thrown()
    {
        var codes = await CodesAsync("EHLO c\r\nMAIL FROM:<a@example.com> SIZE=1 SIZE=2\r\nNOOP\r\n");

        codes.Should().Equal("220", "250", "501 5.5.4", "250 2.0.0");
    }

    [Theory]
    [InlineData("MAIL FROM:<a@example.com> SIZE=abc", "501 5.5.4")]
    [InlineData("MAIL FROM:<a@example.com> SIZE=", "501 5.5.4")]
    [InlineData("MAIL FROM:<a@example.com> SIZE=123456789012345678901", "501 5.5.4")]
    [InlineData("MAIL FROM:<a@example.com> BODY=BINARYMIME", "555 5.5.4")]
    [InlineData("MAIL FROM:<a@example.com> BODY=8BITMIME BODY=7BIT", "501 5.5.4")]
    [InlineData("MAIL FROM:<a@example.com> RET=FULL", "555 5.5.4")]
    [InlineData("MAIL FROM:<a@example.com> SMTPUTF8=yes", "501 5.5.4")]
    [InlineData("MAIL FROM:<a@>", "501 5.1.7")]
    [InlineData("MAIL FROM:<@example.com>", "501 5.1.7")]
    [InlineData("MAIL FROM:<a..b@example.com>", "501 5.1.7")]
    [InlineData("MAIL FROM:<a@-example.com>", "501 5.1.7")]
    [InlineData("MAIL FROM:<a@example.com", "501 5.1.7")]
    [InlineData("MAIL FROM:<a b@example.com>", "501 5.1.7")]
    [InlineData("MAIL FROM:<a@[300.1.1.1]>", "501 5.1.7")]
    [InlineData("MAIL FROM:<ümlaut@example.com>", "553 5.6.7")]
    [InlineData("MAIL TO:<a@example.com>", "501 5.5.4")]
    [InlineData("MAIL", "501 5.5.4")]
    [InlineData("MAIL FROM:", "501 5.1.7")]
    [InlineData("EHLO", "501 5.5.4")]
    [InlineData("EHLO two words", "501 5.5.4")]
    [InlineData("HELO", "501 5.5.4")]
    [InlineData("VRFY", "501 5.5.4")]
    [InlineData("DATA now", "503 5.5.1")]
    [InlineData("RSET please", "501 5.5.4")]
    [InlineData("BDAT", "503 5.5.1")]
    [InlineData("XYZZY", "500 5.5.2")]
    [InlineData("MAILFROM:<a@example.com>", "500 5.5.2")]
    [InlineData("", "500 5.5.2")]
    [InlineData("\u0001\u0002", "500 5.5.2")]
    public async Task EverySyntaxErrorGetsASpecificReplyNot502(string command, string expected)
    {
        var codes = await CodesAsync("EHLO c\r\n" + command + "\r\n");

        codes.Should().Equal("220", "250", expected);
    }

    [Theory]
    [InlineData("RCPT TO:<b@example.org", "501 5.1.3")]
    [InlineData("RCPT TO:<b@example.org> NOTIFY=NEVER", "555 5.5.4")]
    [InlineData("RCPT TO:<b@example.org>junk", "501 5.5.4")]
    [InlineData("RCPT FROM:<b@example.org>", "501 5.5.4")]
    [InlineData("RCPT TO:<>", "501 5.1.3")]
    public async Task Every_recipient_syntax_error_gets_a_specific_reply(string command, string expected)
    {
        var codes = await CodesAsync("EHLO c\r\nMAIL FROM:<a@example.com>\r\n" + command + "\r\n");

        codes.Should().Equal("220", "250", "250 2.1.0", expected);
    }

    [Theory]
    [InlineData("MAIL FROM:<>")]
    [InlineData("MAIL FROM:<\"quoted local\"@example.com>")]
    [InlineData("MAIL FROM:<a@[192.0.2.1]>")]
    [InlineData("MAIL FROM:<a@[IPv6:2001:db8::1]>")]
    [InlineData("MAIL FROM:<@relay.example,@other.example:a@example.com>")]
    [InlineData("mail from:<a@example.com> size=100 body=8bitmime")]
    [InlineData("MAIL FROM: <a@example.com>")]
    [InlineData("MAIL FROM:<ümlaut@exämple.com> SMTPUTF8")]
    public async Task WellFormedMailFromIsAccepted(string command)
    {
        var codes = await CodesAsync("EHLO c\r\n" + command + "\r\n");

        codes.Should().Equal("220", "250", "250 2.1.0");
    }

    [Fact]
    public async Task Source_route_is_accepted_and_dropped()
    {
        var receiver = new RecordingReceiver();
        await SmtpSessionHarness.ExchangeAsync(
            "EHLO c\r\nMAIL FROM:<@hop.example:a@example.com>\r\nRCPT TO:<@hop.example,@two.example:b@example.org>\r\nDATA\r\n.\r\n", receiver: receiver);

        var envelope = receiver.Messages.Single().Envelope;
        envelope.ReversePath.Should().Be("a@example.com");
        envelope.Recipients.Should().Equal("b@example.org");
    }

    [Fact]
    public async Task Null_reverse_path_and_postmaster_without_domain_are_accepted()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.AcceptedDomains = ["city.example"];
        options.TrustedNetworks = [];
        var receiver = new RecordingReceiver();

        await SmtpSessionHarness.ExchangeAsync("HELO c\r\nMAIL FROM:<>\r\nRCPT TO:<postmaster>\r\nDATA\r\n.\r\n", options, receiver);

        var envelope = receiver.Messages.Single().Envelope;
        envelope.ReversePath.Should().BeEmpty();
        envelope.Recipients.Should().Equal("Postmaster@city.example");
    }

    [Fact]
    public async Task Envelope_carries_parameters_and_client()
    {
        var receiver = new RecordingReceiver();
        await SmtpSessionHarness.ExchangeAsync(
            "EHLO client.test\r\nMAIL FROM:<a@example.com> SIZE=10 BODY=8BITMIME SMTPUTF8\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n.\r\n",
            receiver: receiver);

        var envelope = receiver.Messages.Single().Envelope;
        envelope.HeloName.Should().Be("client.test");
        envelope.DeclaredSize.Should().Be(10);
        envelope.Body.Should().Be(SmtpBodyType.EightBitMime);
        envelope.SmtpUtf8.Should().BeTrue();
        envelope.Recipients.Should().Equal("b@example.org", "c@example.org");
        envelope.IsTrustedClient.Should().BeTrue();
        envelope.IsTls.Should().BeFalse();
        envelope.SessionId.Should().HaveLength(12);
    }

    [Fact]
    public async Task EHLO_advertises_only_what_is_implemented()
    {
        var transcript = await SmtpSessionHarness.ExchangeAsync("EHLO c\r\n");

        transcript.Should().Be(
            "220 mx.test ESMTP MailFilter ready\r\n250-mx.test greets c\r\n250-PIPELINING\r\n250-SIZE 67108864\r\n250-8BITMIME\r\n" +
            "250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n250 CHUNKING\r\n");
    }

    [Fact]
    public async Task Simple_verbs_get_their_replies()
    {
        var codes = await CodesAsync("NOOP\r\nHELP\r\nVRFY bob\r\nEXPN staff\r\nRSET\r\nHELO c\r\nQUIT\r\nNOOP\r\n");

        codes.Should().Equal("220", "250 2.0.0", "214 2.0.0", "252 2.5.0", "502 5.5.1", "250 2.0.0", "250", "221 2.0.0");
    }

    [Fact]
    public async Task Relay_to_foreign_domain_from_untrusted_client_is_denied()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.AcceptedDomains = ["city.example"];
        var receiver = new RecordingReceiver();

        var transcript = await SmtpSessionHarness.ExchangeAsync(
            "EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@elsewhere.test>\r\nRCPT TO:<clerk@CITY.example>\r\nDATA\r\n.\r\n",
            options, receiver, IPAddress.Parse("203.0.113.9"));

        SmtpExpect.Codes(transcript).Should().Equal("220", "250", "250 2.1.0", "554 5.7.1", "250 2.1.5", "354", "250 2.0.0");
        var envelope = receiver.Messages.Single().Envelope;
        envelope.Recipients.Should().Equal("clerk@CITY.example");
        envelope.IsTrustedClient.Should().BeFalse();
    }

    [Fact]
    public async Task Too_many_recipients_get_452_and_the_rest_is_kept()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.MaxRecipientsPerMessage = 2;

        var codes = await CodesAsync("EHLO c\r\nMAIL FROM:<a@x.example>\r\nRCPT TO:<1@x.example>\r\nRCPT TO:<2@x.example>\r\nRCPT TO:<3@x.example>\r\n", options);

        codes.Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "250 2.1.5", "452 4.5.3");
    }

    [Fact]
    public async Task Too_many_errors_close_the_session_with_421()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.MaxErrorsPerSession = 3;

        var codes = await CodesAsync("BOGUS\r\nBOGUS\r\nBOGUS\r\nNOOP\r\nNOOP\r\n", options);

        codes.Should().Equal("220", "500 5.5.2", "500 5.5.2", "500 5.5.2", "421 4.7.0");
    }

    [Fact]
    public async Task Client_speaking_LF_only_in_commands_is_understood()
    {
        var codes = await CodesAsync("EHLO c\nNOOP\n");

        codes.Should().Equal("220", "250", "250 2.0.0");
    }
}
