namespace MailFilter.Gateway.Smtp;

/// <summary>The BODY= parameter of MAIL FROM (RFC 6152, RFC 3030).</summary>
public enum SmtpBodyType
{
    SevenBit,
    EightBitMime,
    BinaryMime,
}
