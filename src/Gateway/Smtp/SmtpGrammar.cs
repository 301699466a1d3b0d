using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Unicode;

namespace MailFilter.Gateway.Smtp;

/// <summary>
/// The productions of RFC 5321 §4.1.2 and §4.1.3 (with the UTF-8 extensions of RFC 6531), one method each.
/// A method that fails leaves the reader where it was.
/// </summary>
internal static class SmtpGrammar
{
    public const int MaxLocalPartOctets = 64;
    public const int MaxDomainOctets = 255;
    public const int MaxPathOctets = 256;
    const int MaxLabelOctets = 63;

    /// <summary>A reverse-path: "" for the null path.</summary>
    /// <remarks><code>Reverse-path = Path / "&lt;&gt;"</code></remarks>
    public static bool TryMakeReversePath(ref SmtpTokenReader reader, out string address)
    {
        if (reader.TryTakeIgnoreCase("<>"u8))
        {
            address = "";
            return true;
        }
        return TryMakePath(ref reader, out address);
    }

    /// <remarks><code>Forward-path = Path</code></remarks>
    public static bool TryMakeForwardPath(ref SmtpTokenReader reader, out string address) => TryMakePath(ref reader, out address);

    /// <summary>A path; a source route is accepted and ignored (RFC 5321 §4.1.1.3, Appendix C).</summary>
    /// <remarks><code>Path = "&lt;" [ A-d-l ":" ] Mailbox "&gt;"</code></remarks>
    public static bool TryMakePath(ref SmtpTokenReader reader, out string address)
    {
        var checkpoint = reader.Position;
        address = "";
        if (!reader.TryTake((byte)'<'))
            return false;
        var route = reader.Position;
        if (!(TryMakeAtDomainList(ref reader) && reader.TryTake((byte)':')))
            reader.Position = route;
        if (TryMakeMailbox(ref reader, out address) && reader.TryTake((byte)'>') && reader.Position - checkpoint <= MaxPathOctets)
            return true;
        reader.Position = checkpoint;
        address = "";
        return false;
    }

    /// <summary>
    /// A mailbox sent without its angle brackets ("MAIL FROM: a@b"), as Postfix takes it by default
    /// (strict_rfc821_envelopes = no). Only for envelopes that are not strict: RFC 5321 has no such production.
    /// </summary>
    /// <remarks><code>Bare-path = Mailbox</code>, no longer than a Path without its brackets.</remarks>
    public static bool TryMakeBarePath(ref SmtpTokenReader reader, out string address)
    {
        var checkpoint = reader.Position;
        if (TryMakeMailbox(ref reader, out address) && reader.Position - checkpoint <= MaxPathOctets - 2)
            return true;
        reader.Position = checkpoint;
        address = "";
        return false;
    }

    /// <remarks><code>A-d-l = At-domain *( "," At-domain )
    /// At-domain = "@" Domain</code></remarks>
    public static bool TryMakeAtDomainList(ref SmtpTokenReader reader)
    {
        var checkpoint = reader.Position;
        do
        {
            if (!(reader.TryTake((byte)'@') && TryMakeDomain(ref reader)))
            {
                reader.Position = checkpoint;
                return false;
            }
        }
        while (reader.TryTake((byte)','));
        return true;
    }

    /// <summary>A mailbox, as its UTF-8 text; the local part is kept exactly as sent (quotes included).</summary>
    /// <remarks><code>Mailbox = Local-part "@" ( Domain / address-literal )</code></remarks>
    public static bool TryMakeMailbox(ref SmtpTokenReader reader, out string mailbox)
    {
        var checkpoint = reader.Position;
        mailbox = "";
        if (!TryMakeLocalPart(ref reader) || reader.Position - checkpoint > MaxLocalPartOctets || !reader.TryTake((byte)'@'))
        {
            reader.Position = checkpoint;
            return false;
        }
        var domain = reader.Position;
        if (!(TryMakeDomain(ref reader) || TryMakeAddressLiteral(ref reader)) || reader.Position - domain > MaxDomainOctets)
        {
            reader.Position = checkpoint;
            return false;
        }
        var text = reader.Since(checkpoint);
        if (!Utf8.IsValid(text))
        {
            reader.Position = checkpoint;
            return false;
        }
        mailbox = Encoding.UTF8.GetString(text);
        return true;
    }

    /// <remarks><code>Local-part = Dot-string / Quoted-string</code></remarks>
    public static bool TryMakeLocalPart(ref SmtpTokenReader reader) => TryMakeDotString(ref reader) || TryMakeQuotedString(ref reader);

    /// <remarks><code>Dot-string = Atom *("."  Atom)</code></remarks>
    public static bool TryMakeDotString(ref SmtpTokenReader reader)
    {
        var checkpoint = reader.Position;
        if (!TryMakeAtom(ref reader))
            return false;
        while (true)
        {
            if (!reader.TryTake((byte)'.'))
                return true;
            if (!TryMakeAtom(ref reader))
            {
                reader.Position = checkpoint;
                return false;
            }
        }
    }

    /// <remarks><code>Atom = 1*atext</code> where atext (RFC 5322 §3.2.3, RFC 6531 §3.3) is
    /// <code>ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" / "-" / "/" / "=" / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~" / UTF8-non-ascii</code></remarks>
    public static bool TryMakeAtom(ref SmtpTokenReader reader) => reader.TakeWhile(IsAtext) > 0;

    /// <remarks><code>Quoted-string = DQUOTE *QcontentSMTP DQUOTE
    /// QcontentSMTP = qtextSMTP / quoted-pairSMTP
    /// quoted-pairSMTP = %d92 %d32-126
    /// qtextSMTP = %d32-33 / %d35-91 / %d93-126 / UTF8-non-ascii</code></remarks>
    public static bool TryMakeQuotedString(ref SmtpTokenReader reader)
    {
        var checkpoint = reader.Position;
        if (!reader.TryTake((byte)'"'))
            return false;
        while (reader.TryPeek(out var next))
        {
            if (next == '"')
            {
                reader.Position++;
                return true;
            }
            reader.Position++;
            if (next == '\\')
            {
                if (!reader.TryPeek(out var quoted) || quoted is < 32 or > 126)
                    break;
                reader.Position++;
            }
            else if (!(next is 32 or 33 or (>= 35 and <= 91) or (>= 93 and <= 126) || next >= 0x80))
            {
                break;
            }
        }
        reader.Position = checkpoint;
        return false;
    }

    /// <remarks><code>Domain = sub-domain *("." sub-domain)</code></remarks>
    public static bool TryMakeDomain(ref SmtpTokenReader reader)
    {
        var checkpoint = reader.Position;
        if (!TryMakeSubDomain(ref reader))
            return false;
        while (true)
        {
            var dot = reader.Position;
            if (!reader.TryTake((byte)'.'))
                break;
            if (!TryMakeSubDomain(ref reader))
            {
                reader.Position = dot;
                break;
            }
        }
        if (reader.Position - checkpoint <= MaxDomainOctets)
            return true;
        reader.Position = checkpoint;
        return false;
    }

    /// <remarks><code>sub-domain = Let-dig [Ldh-str] / U-label
    /// Let-dig = ALPHA / DIGIT
    /// Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig</code></remarks>
    public static bool TryMakeSubDomain(ref SmtpTokenReader reader)
    {
        var checkpoint = reader.Position;
        if (!reader.TryPeek(out var first) || !IsLetDig(first))
            return false;
        var length = reader.TakeWhile(static b => IsLetDig(b) || b == '-');
        var label = reader.Since(checkpoint);
        if (label[^1] != '-' && (length <= MaxLabelOctets || !Ascii.IsValid(label)))
            return true;
        reader.Position = checkpoint;
        return false;
    }

    /// <remarks><code>address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"
    /// IPv4-address-literal = Snum 3("."  Snum)
    /// IPv6-address-literal = "IPv6:" IPv6-addr</code>
    /// General-address-literal has no registered tag but IPv6, so it is refused.</remarks>
    public static bool TryMakeAddressLiteral(ref SmtpTokenReader reader)
    {
        var checkpoint = reader.Position;
        if (!reader.TryTake((byte)'['))
            return false;
        var isIPv6 = reader.TryTakeIgnoreCase("IPv6:"u8);
        var start = reader.Position;
        reader.TakeWhile(static b => b is >= 33 and <= 90 or >= 94 and <= 126);
        var literal = reader.Since(start);
        if (reader.TryTake((byte)']') && IsAddress(literal, isIPv6))
            return true;
        reader.Position = checkpoint;
        return false;
    }

    /// <summary>An ESMTP parameter of MAIL or RCPT.</summary>
    /// <remarks><code>esmtp-param = esmtp-keyword ["=" esmtp-value]
    /// esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
    /// esmtp-value = 1*(%d33-60 / %d62-126 / UTF8-non-ascii)</code></remarks>
    public static bool TryMakeEsmtpParameter(ref SmtpTokenReader reader, out ReadOnlySpan<byte> keyword, out ReadOnlySpan<byte> value)
    {
        var checkpoint = reader.Position;
        keyword = value = default;
        if (!reader.TryPeek(out var first) || !char.IsAsciiLetterOrDigit((char)first))
            return false;
        reader.TakeWhile(static b => char.IsAsciiLetterOrDigit((char)b) || b == '-');
        keyword = reader.Since(checkpoint);
        if (!reader.TryTake((byte)'='))
            return true;
        var start = reader.Position;
        if (reader.TakeWhile(static b => b is >= 33 and <= 60 or >= 62 and <= 126 or >= 0x80) > 0)
        {
            value = reader.Since(start);
            return true;
        }
        reader.Position = checkpoint;
        keyword = default;
        return false;
    }

    /// <summary>Whether <paramref name="text"/> is exactly one Domain.</summary>
    public static bool IsDomain(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new SmtpTokenReader(bytes);
        return TryMakeDomain(ref reader) && reader.End;
    }

    static bool IsAtext(byte b) => char.IsAsciiLetterOrDigit((char)b) || b >= 0x80 || b switch
    {
        (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+' or (byte)'-'
            or (byte)'/' or (byte)'=' or (byte)'?' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'{' or (byte)'|' or (byte)'}' or (byte)'~' => true,
        _ => false,
    };

    static bool IsLetDig(byte b) => char.IsAsciiLetterOrDigit((char)b) || b >= 0x80;

    static bool IsAddress(ReadOnlySpan<byte> literal, bool isIPv6)
    {
        Span<char> text = stackalloc char[literal.Length];
        if (literal.IsEmpty || Encoding.ASCII.GetChars(literal, text) != literal.Length || !IPAddress.TryParse(text, out var address))
            return false;
        return isIPv6
            ? address.AddressFamily == AddressFamily.InterNetworkV6
            : address.AddressFamily == AddressFamily.InterNetwork && literal.Count((byte)'.') == 3;
    }
}
