using System.Diagnostics.CodeAnalysis;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>An SMTP server to hand mail to: host name or IP literal, and port.</summary>
public sealed record NextHop(string Host, int Port)
{
    /// <summary>Parses "host:port", "host" (port 25), "[2001:db8::1]:25".</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NextHop? hop)
    {
        hop = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();
        string host;
        var port = 25;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0)
                return false;
            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0 && (!rest.StartsWith(':') || !int.TryParse(rest[1..], out port)))
                return false;
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':') != colon)
                return false; // a bare IPv6 address must be bracketed
            host = colon < 0 ? text : text[..colon];
            if (colon >= 0 && !int.TryParse(text[(colon + 1)..], out port))
                return false;
        }
        if (host.Length == 0 || port is < 1 or > 65535)
            return false;
        hop = new NextHop(host, port);
        return true;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
