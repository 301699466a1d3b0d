using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace MailFilter.Gateway.Smtp;

/// <summary>Parses the HOST:PORT of <see cref="SmtpOptions.Listen"/>.</summary>
internal static class SmtpListenAddress
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var colon = text.LastIndexOf(':');
        if (colon > 0 && text[..colon] is "localhost" or "*")
        {
            if (!ushort.TryParse(text[(colon + 1)..], out var port))
                return false;
            endPoint = new IPEndPoint(text[..colon] == "*" ? IPAddress.IPv6Any : IPAddress.Loopback, port);
            return true;
        }
        return IPEndPoint.TryParse(text, out endPoint) && colon > 0 && text.IndexOf(']') < colon;
    }

    public static IPEndPoint Parse(string text) =>
        TryParse(text, out var endPoint) ? endPoint : throw new FormatException($"'{text}' is not HOST:PORT");
}
