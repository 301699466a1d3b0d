using System.Globalization;
using System.Text;

namespace MailFilter.Gateway.Records.Import;

/// <summary>The mbox separator line, <c>From sender@example.com Mon Mar  3 09:00:00 2025</c>: the envelope sender and the delivery time (asctime, UTC by convention).</summary>
public static class MboxFromLine
{
    static readonly string[] Formats = ["ddd MMM d HH:mm:ss yyyy", "ddd MMM dd HH:mm:ss yyyy", "ddd MMM d HH:mm yyyy", "ddd MMM d HH:mm:ss yyyy zzz", "ddd MMM d HH:mm:ss zzz yyyy"];

    public static (string Sender, DateTimeOffset? Time) Parse(ReadOnlySpan<byte> line)
    {
        var text = Encoding.Latin1.GetString(line).TrimEnd('\r', '\n');
        if (!text.StartsWith("From ", StringComparison.Ordinal))
            return ("", null);
        var rest = text[5..].TrimStart();
        var space = rest.IndexOf(' ');
        var sender = space < 0 ? rest : rest[..space];
        if (sender is "-" or "MAILER-DAEMON")
            sender = "";
        var date = space < 0 ? "" : string.Join(' ', rest[(space + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return DateTimeOffset.TryParseExact(date, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time)
            ? (sender, time.ToUniversalTime())
            : (sender, null);
    }
}
