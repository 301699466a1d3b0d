using System.Text;

namespace MailFilter.Gateway.Smtp;

/// <summary>Recognises the verb at the start of a command line.</summary>
internal static class SmtpVerbs
{
    static readonly (byte[] Name, SmtpVerb Verb)[] Known =
    [
        ("MAIL"u8.ToArray(), SmtpVerb.Mail),
        ("RCPT"u8.ToArray(), SmtpVerb.Rcpt),
        ("DATA"u8.ToArray(), SmtpVerb.Data),
        ("BDAT"u8.ToArray(), SmtpVerb.Bdat),
        ("EHLO"u8.ToArray(), SmtpVerb.Ehlo),
        ("HELO"u8.ToArray(), SmtpVerb.Helo),
        ("RSET"u8.ToArray(), SmtpVerb.Rset),
        ("NOOP"u8.ToArray(), SmtpVerb.Noop),
        ("QUIT"u8.ToArray(), SmtpVerb.Quit),
        ("VRFY"u8.ToArray(), SmtpVerb.Vrfy),
        ("HELP"u8.ToArray(), SmtpVerb.Help),
        ("STARTTLS"u8.ToArray(), SmtpVerb.StartTls),
        ("EXPN"u8.ToArray(), SmtpVerb.NotImplemented),
        ("AUTH"u8.ToArray(), SmtpVerb.NotImplemented),
        ("ETRN"u8.ToArray(), SmtpVerb.NotImplemented),
        ("TURN"u8.ToArray(), SmtpVerb.NotImplemented),
        ("ATRN"u8.ToArray(), SmtpVerb.NotImplemented),
        ("SEND"u8.ToArray(), SmtpVerb.NotImplemented),
        ("SOML"u8.ToArray(), SmtpVerb.NotImplemented),
        ("SAML"u8.ToArray(), SmtpVerb.NotImplemented),
    ];

    /// <summary>
    /// Splits "VERB[ SP argument]" and recognises the verb, case-insensitively. <paramref name="argument"/>
    /// is what follows the verb, including its leading space, so each verb's grammar can check that space.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out SmtpVerb verb, out ReadOnlySpan<byte> argument)
    {
        var end = line.IndexOf((byte)' ');
        var name = end < 0 ? line : line[..end];
        argument = end < 0 ? default : line[end..];
        foreach (var (known, value) in Known)
        {
            if (name.Length == known.Length && Ascii.EqualsIgnoreCase(name, known))
            {
                verb = value;
                return true;
            }
        }
        verb = default;
        return false;
    }

    public static string Name(SmtpVerb verb) => verb switch
    {
        SmtpVerb.StartTls => "STARTTLS",
        SmtpVerb.NotImplemented => "EXPN",
        _ => verb.ToString().ToUpperInvariant(),
    };
}
