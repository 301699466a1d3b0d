using System.Net;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>
/// The MAIL and RCPT forms real clients send that RFC 5321 does not allow: taken by default, as Postfix takes
/// them (strict_rfc821_envelopes = no), and refused with Smtp:StrictEnvelopeSyntax.
/// </summary>
public class SmtpEnvelopeSyntaxTests
{
    static SmtpOptions Options(bool strict)
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.StrictEnvelopeSyntax = strict;
        return options;
    }

    [Theory]
    [InlineData("MAIL FROM: a@example.com", null)]
    [InlineData("MAIL FROM:a@example.com", null)]
    [InlineData("MAIL FROM:a@example.com SIZE=100", 100L)]
    [InlineData("MAIL FROM:<a@example.com>  SIZE=1", 1L)]
    [InlineData("MAIL FROM: a@example.com   SIZE=7   BODY=8BITMIME  ", 7L)]
    public async Task MAIL_FROM_without_angle_brackets_or_with_double_spaces_is_accepted_by_default(string command, long? size)
    {
        var receiver = new RecordingReceiver();

        var transcript = await SmtpSessionHarness.ExchangeAsync($"EHLO c\r\n{command}\r\nRCPT TO:<b@example.org>\r\nDATA\r\n.\r\n", Options(strict: false), receiver);

        SmtpExpect.Codes(transcript).Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "354", "250 2.0.0");
        var envelope = receiver.Messages.Single().Envelope;
        envelope.ReversePath.Should().Be("a@example.com");
        envelope.DeclaredSize.Should().Be(size);
    }

    [Theory]
    [InlineData("RCPT TO: b@example.org")]
    [InlineData("RCPT TO:b@example.org")]
    [InlineData("RCPT TO:b@example.org  ")]
    public async Task RCPT_TO_without_angle_brackets_is_accepted_by_default(string command)
    {
        var receiver = new RecordingReceiver();

        await SmtpSessionHarness.ExchangeAsync($"EHLO c\r\nMAIL FROM:<a@example.com>\r\n{command}\r\nDATA\r\n.\r\n", Options(strict: false), receiver);

        receiver.Messages.Single().Envelope.Recipients.Should().Equal("b@example.org");
    }

    [Theory]
    [InlineData("MAIL FROM: a@example.com", "501 5.1.7")]
    [InlineData("MAIL FROM:a@example.com", "501 5.1.7")]
    [InlineData("MAIL FROM:<a@example.com>  SIZE=1", "501 5.5.4")]
    [InlineData("MAIL FROM:<a@example.com> SIZE=1  BODY=7BIT", "501 5.5.4")]
    public async Task Strict_envelopes_refuse_the_forms_RFC_5321_does_not_allow(string command, string expected)
    {
        var codes = SmtpExpect.Codes(await SmtpSessionHarness.ExchangeAsync($"EHLO c\r\n{command}\r\n", Options(strict: true)));

        codes.Should().Equal("220", "250", expected);
    }

    [Theory]
    [InlineData("RCPT TO:b@example.org", "501 5.1.3")]
    [InlineData("RCPT TO: b@example.org", "501 5.1.3")]
    [InlineData("RCPT TO:<b@example.org>  NOTIFY=NEVER", "501 5.5.4")]
    public async Task Strict_envelopes_refuse_recipients_without_angle_brackets(string command, string expected)
    {
        var codes = SmtpExpect.Codes(await SmtpSessionHarness.ExchangeAsync($"EHLO c\r\nMAIL FROM:<a@example.com>\r\n{command}\r\n", Options(strict: true)));

        codes.Should().Equal("220", "250", "250 2.1.0", expected);
    }

    [Theory]
    [InlineData("MAIL FROM:a@example.com>", "501 5.5.4")]
    [InlineData("MAIL FROM:<a@example.com>junk", "501 5.5.4")]
    [InlineData("MAIL FROM: a b@example.com", "501 5.1.7")]
    [InlineData("MAIL FROM:a@", "501 5.1.7")]
    [InlineData("MAIL FROM:<a@example.com", "501 5.1.7")]
    [InlineData("MAIL FROM:a@example.com SIZE=1 SIZE=2", "501 5.5.4")]
    [InlineData("MAIL FROM:a@example.com NOTIFY=NEVER", "555 5.5.4")]
    [InlineData("MAIL FROM:", "501 5.1.7")]
    public async Task Lenient_envelopes_still_refuse_junk(string command, string expected)
    {
        var codes = SmtpExpect.Codes(await SmtpSessionHarness.ExchangeAsync($"EHLO c\r\n{command}\r\n", Options(strict: false)));

        codes.Should().Equal("220", "250", expected);
    }

    [Fact]
    public async Task Bare_mailbox_is_held_to_the_length_of_a_path()
    {
        var label = new string('d', 60);
        var longest = new string('a', 64) + "@" + $"{label}.{label}.{label}.dddddd";
        longest.Length.Should().Be(254, "a path of 256 octets less its brackets");

        var codes = SmtpExpect.Codes(await SmtpSessionHarness.ExchangeAsync(
            $"EHLO c\r\nMAIL FROM:{longest}d\r\nMAIL FROM:<{longest}d>\r\nMAIL FROM:{longest}\r\n", Options(strict: false)));

        codes.Should().Equal("220", "250", "501 5.1.7", "501 5.1.7", "250 2.1.0");
    }

    [Fact]
    public async Task Recipient_without_angle_brackets_is_still_subject_to_the_relay_check()
    {
        var options = Options(strict: false);
        options.AcceptedDomains = ["city.example"];

        var codes = SmtpExpect.Codes(await SmtpSessionHarness.ExchangeAsync(
            "EHLO c\r\nMAIL FROM:a@example.com\r\nRCPT TO:b@elsewhere.test\r\nRCPT TO: clerk@city.example\r\n",
            options, client: IPAddress.Parse("203.0.113.9")));

        codes.Should().Equal("220", "250", "250 2.1.0", "554 5.7.1", "250 2.1.5");
    }
}
