using System.Text;
using MimeKit;

namespace MailFilter.Rules.Facts;

/// <summary>One header field, its value decoded (RFC 2047) and unfolded on first use: most headers are never read.</summary>
public sealed class HeaderField
{
    readonly Header? header;
    string? value;

    public HeaderField(string name, string value)
    {
        Name = name;
        this.value = value;
    }

    public HeaderField(Header header)
    {
        Name = header.Field;
        this.header = header;
    }

    public string Name { get; }

    public string Value => value ??= Decode(header!);

    static string Decode(Header header)
    {
        try
        {
            return header.Value ?? "";
        }
        catch (Exception e) when (e is FormatException or ArgumentException or DecoderFallbackException)
        {
            return "";
        }
    }
}
