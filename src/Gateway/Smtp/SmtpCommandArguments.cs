using System.Buffers.Text;
using System.Text;

namespace MailFilter.Gateway.Smtp;

/// <summary>
/// The argument grammar of each command (RFC 5321 §4.1.1). Each method either gives the parsed argument or
/// the specific reply that says what is wrong with it; none throws on hostile input.
/// </summary>
internal static class SmtpCommandArguments
{
    /// <remarks><code>ehlo = "EHLO" SP ( Domain / address-literal ) CRLF
    /// helo = "HELO" SP Domain CRLF</code>
    /// Real clients send names that are not domains (underscores, bare words); since the name decides
    /// nothing here, any single printable token is taken.</remarks>
    public static bool TryParseHello(ReadOnlySpan<byte> argument, out string heloName, out SmtpReply error)
    {
        heloName = "";
        error = SmtpReplies.Syntax("Syntax: EHLO domain-or-address-literal");
        var reader = new SmtpTokenReader(argument);
        if (!reader.TryTake((byte)' '))
            return false;
        var start = reader.Position;
        var isDomain = (SmtpGrammar.TryMakeDomain(ref reader) || SmtpGrammar.TryMakeAddressLiteral(ref reader)) && AtEndAfterSpaces(ref reader);
        if (!isDomain)
            reader.Position = start;
        if (isDomain || reader.TakeWhile(static b => b is > 32 and < 127) > 0 && AtEndAfterSpaces(ref reader))
        {
            heloName = Encoding.UTF8.GetString(argument[start..].TrimEnd((byte)' '));
            return true;
        }
        return false;
    }

    /// <remarks><code>mail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF
    /// Mail-parameters = esmtp-param *(SP esmtp-param)</code>
    /// Parameters: SIZE=1*20DIGIT (RFC 1870), BODY=7BIT/8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531).
    /// Unless <paramref name="strictEnvelope"/>, the forms real clients send are taken as Postfix takes them by
    /// default: a path without angle brackets, and more than one space between parameters.</remarks>
    public static bool TryParseMail(ReadOnlySpan<byte> argument, bool strictEnvelope, out string reversePath, out MailParameters parameters, out SmtpReply error)
    {
        parameters = new MailParameters(null, SmtpBodyType.SevenBit, false);
        var reader = new SmtpTokenReader(argument);
        if (!reader.TryTakeIgnoreCase(" FROM:"u8))
        {
            reversePath = "";
            error = SmtpReplies.Syntax("Syntax: MAIL FROM:<address> [parameters]");
            return false;
        }
        reader.TakeWhile(static b => b == ' ');
        if (!SmtpGrammar.TryMakeReversePath(ref reader, out reversePath) && (strictEnvelope || !SmtpGrammar.TryMakeBarePath(ref reader, out reversePath)))
        {
            error = SmtpReplies.BadSenderSyntax;
            return false;
        }
        long? size = null;
        SmtpBodyType? body = null;
        var smtpUtf8 = false;
        while (!AtEndAfterSpaces(ref reader))
        {
            if (!TakeParameterSeparator(ref reader, strictEnvelope) || !SmtpGrammar.TryMakeEsmtpParameter(ref reader, out var keyword, out var value))
            {
                error = SmtpReplies.Syntax("Syntax error in MAIL parameters");
                return false;
            }
            if (Ascii.EqualsIgnoreCase(keyword, "SIZE"u8))
            {
                if (size is not null)
                    return Duplicate("SIZE", out error);
                if (value.Length is 0 or > 20 || !Utf8Parser.TryParse(value, out ulong declared, out var used) || used != value.Length)
                {
                    error = SmtpReplies.Syntax("SIZE must be a number of octets");
                    return false;
                }
                size = declared > long.MaxValue ? long.MaxValue : (long)declared;
            }
            else if (Ascii.EqualsIgnoreCase(keyword, "BODY"u8))
            {
                if (body is not null)
                    return Duplicate("BODY", out error);
                if (Ascii.EqualsIgnoreCase(value, "7BIT"u8))
                    body = SmtpBodyType.SevenBit;
                else if (Ascii.EqualsIgnoreCase(value, "8BITMIME"u8))
                    body = SmtpBodyType.EightBitMime;
                else
                {
                    error = SmtpReplies.UnsupportedParameter("BODY=" + Encoding.ASCII.GetString(value));
                    return false;
                }
            }
            else if (Ascii.EqualsIgnoreCase(keyword, "SMTPUTF8"u8))
            {
                if (smtpUtf8)
                    return Duplicate("SMTPUTF8", out error);
                if (!value.IsEmpty)
                {
                    error = SmtpReplies.Syntax("SMTPUTF8 takes no value");
                    return false;
                }
                smtpUtf8 = true;
            }
            else
            {
                error = SmtpReplies.UnsupportedParameter(Encoding.ASCII.GetString(keyword).ToUpperInvariant());
                return false;
            }
        }
        parameters = new MailParameters(size, body ?? SmtpBodyType.SevenBit, smtpUtf8);
        error = default;
        return true;
    }

    /// <remarks><code>rcpt = "RCPT TO:" ( "&lt;Postmaster@" Domain "&gt;" / "&lt;Postmaster&gt;" / Forward-path ) [SP Rcpt-parameters] CRLF</code>
    /// No RCPT parameter is supported (no DSN), so any parameter gets 555.
    /// A bare &lt;Postmaster&gt; gives "Postmaster" with no domain; the session places it in a domain.
    /// Unless <paramref name="strictEnvelope"/>, a path without angle brackets and several spaces before a
    /// parameter are taken, as for MAIL.</remarks>
    public static bool TryParseRcpt(ReadOnlySpan<byte> argument, bool strictEnvelope, out string forwardPath, out SmtpReply error)
    {
        var reader = new SmtpTokenReader(argument);
        forwardPath = "";
        if (!reader.TryTakeIgnoreCase(" TO:"u8))
        {
            error = SmtpReplies.Syntax("Syntax: RCPT TO:<address>");
            return false;
        }
        reader.TakeWhile(static b => b == ' ');
        if (reader.TryTakeIgnoreCase("<Postmaster>"u8))
            forwardPath = "Postmaster";
        else if (!SmtpGrammar.TryMakeForwardPath(ref reader, out forwardPath) && (strictEnvelope || !SmtpGrammar.TryMakeBarePath(ref reader, out forwardPath)))
        {
            error = SmtpReplies.BadRecipientSyntax;
            return false;
        }
        if (AtEndAfterSpaces(ref reader))
        {
            error = default;
            return true;
        }
        if (TakeParameterSeparator(ref reader, strictEnvelope) && SmtpGrammar.TryMakeEsmtpParameter(ref reader, out var keyword, out _))
            error = SmtpReplies.UnsupportedParameter(Encoding.ASCII.GetString(keyword).ToUpperInvariant());
        else
            error = SmtpReplies.Syntax("Syntax error in RCPT parameters");
        return false;
    }

    /// <remarks><code>bdat-cmd = "BDAT" SP chunk-size [ SP end-marker ] CRLF
    /// chunk-size = 1*DIGIT
    /// end-marker = "LAST"</code> (RFC 3030 §2)</remarks>
    public static bool TryParseBdat(ReadOnlySpan<byte> argument, out long chunkSizeOctets, out bool isLast, out SmtpReply error)
    {
        chunkSizeOctets = 0;
        isLast = false;
        error = SmtpReplies.Syntax("Syntax: BDAT chunk-size [LAST]");
        var reader = new SmtpTokenReader(argument);
        if (!reader.TryTake((byte)' '))
            return false;
        var start = reader.Position;
        var digits = reader.TakeWhile(static b => b is >= (byte)'0' and <= (byte)'9');
        if (digits is 0 or > 18 || !Utf8Parser.TryParse(reader.Since(start), out chunkSizeOctets, out _))
            return false;
        if (reader.TryTakeIgnoreCase(" LAST"u8))
            isLast = true;
        return AtEndAfterSpaces(ref reader);
    }

    /// <summary>No argument allowed (DATA, RSET, QUIT, STARTTLS); trailing spaces are tolerated.</summary>
    public static bool IsEmpty(ReadOnlySpan<byte> argument) => argument.TrimEnd((byte)' ').IsEmpty;

    static bool Duplicate(string keyword, out SmtpReply error)
    {
        error = SmtpReplies.Syntax($"{keyword} given more than once");
        return false;
    }

    /// <summary>The SP before a parameter: exactly one when strict, one or more otherwise ("&lt;a@b&gt;  SIZE=1").</summary>
    static bool TakeParameterSeparator(ref SmtpTokenReader reader, bool strictEnvelope)
    {
        if (!reader.TryTake((byte)' '))
            return false;
        if (!strictEnvelope)
            reader.TakeWhile(static b => b == ' ');
        return true;
    }

    static bool AtEndAfterSpaces(ref SmtpTokenReader reader)
    {
        var checkpoint = reader.Position;
        reader.TakeWhile(static b => b == ' ');
        if (reader.End)
            return true;
        reader.Position = checkpoint;
        return false;
    }
}
