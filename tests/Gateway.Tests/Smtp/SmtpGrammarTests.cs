using System.Text;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>The RFC 5321 productions on their own.</summary>
public class SmtpGrammarTests
{
    static (bool Ok, string Address, string Remainder) ReversePath(string text)
    {
        var reader = new SmtpTokenReader(Encoding.UTF8.GetBytes(text));
        var ok = SmtpGrammar.TryMakeReversePath(ref reader, out var address);
        return (ok, address, Encoding.UTF8.GetString(reader.Rest));
    }

    [Theory]
    [InlineData("<a@example.com>", "a@example.com", "")]
    [InlineData("<> SIZE=1", "", " SIZE=1")]
    [InlineData("<\"a b\\\"c\"@example.com>", "\"a b\\\"c\"@example.com", "")]
    [InlineData("<a.b-c+tag@sub.example.com> x", "a.b-c+tag@sub.example.com", " x")]
    [InlineData("<a@[127.0.0.1]>", "a@[127.0.0.1]", "")]
    [InlineData("<a@[IPv6:::1]>", "a@[IPv6:::1]", "")]
    [InlineData("<@one.example,@two.example:a@example.com>", "a@example.com", "")]
    public void ValidPathsAreMadeAndTheReaderStopsAfterThem(string text, string address, string rest)
    {
        ReversePath(text).Should().Be((true, address, rest));
    }

    [Theory]
    [InlineData("a@example.com")]
    [InlineData("<a@example.com")]
    [InlineData("<a@example..com>")]
    [InlineData("<a@example-.com>")]
    [InlineData("<.a@example.com>")]
    [InlineData("<a.@example.com>")]
    [InlineData("<a@[1.2.3]>")]
    [InlineData("<a@[IPv6:1.2.3.4]>")]
    [InlineData("<a@[tag:value]>")]
    [InlineData("<\"unterminated@example.com>")]
    [InlineData("<a\u0001@example.com>")]
    public void InvalidPathsAreRefusedAndConsumeNothing(string text)
    {
        var (ok, address, rest) = ReversePath(text);

        ok.Should().BeFalse();
        address.Should().BeEmpty();
        rest.Should().Be(text);
    }

    [Fact]
    public void Local_part_over_sixty_four_octets_is_refused()
    {
        ReversePath($"<{new string('a', 64)}@example.com>").Ok.Should().BeTrue();
        ReversePath($"<{new string('a', 65)}@example.com>").Ok.Should().BeFalse();
    }

    [Fact]
    public void Domain_label_over_sixty_three_octets_is_refused()
    {
        SmtpGrammar.IsDomain(new string('a', 63) + ".example").Should().BeTrue();
        SmtpGrammar.IsDomain(new string('a', 64) + ".example").Should().BeFalse();
    }

    [Fact]
    public void Invalid_UTF8_in_an_address_is_refused()
    {
        var bytes = Encoding.ASCII.GetBytes("<a@example.com>");
        bytes[1] = 0xC3;
        var reader = new SmtpTokenReader(bytes);

        SmtpGrammar.TryMakeReversePath(ref reader, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("SIZE=100", "SIZE", "100")]
    [InlineData("SMTPUTF8", "SMTPUTF8", "")]
    [InlineData("X-FOO=a+b", "X-FOO", "a+b")]
    public void ESMTP_parameters_are_split_into_keyword_and_value(string text, string keyword, string value)
    {
        var reader = new SmtpTokenReader(Encoding.ASCII.GetBytes(text));

        SmtpGrammar.TryMakeEsmtpParameter(ref reader, out var madeKeyword, out var madeValue).Should().BeTrue();
        Encoding.ASCII.GetString(madeKeyword).Should().Be(keyword);
        Encoding.ASCII.GetString(madeValue).Should().Be(value);
    }

    [Theory]
    [InlineData("=100")]
    [InlineData("-X=1")]
    [InlineData("SIZE=")]
    [InlineData("SIZE=a=b")]
    public void Malformed_ESMTP_parameters_are_refused(string text)
    {
        var reader = new SmtpTokenReader(Encoding.ASCII.GetBytes(text));

        var made = SmtpGrammar.TryMakeEsmtpParameter(ref reader, out _, out _) && reader.End;

        made.Should().BeFalse();
    }
}
