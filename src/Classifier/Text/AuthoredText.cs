using System.Text;
using System.Text.RegularExpressions;

namespace MailFilter.Classifier.Text;

/// <summary>
/// Reduces an e-mail body to the text its sender wrote: quoted replies, forwarded or replied-to history and the
/// signature are removed, so that a harassing line someone else wrote (and that the sender is objecting to) is
/// not scored against the sender.
/// </summary>
public static partial class AuthoredText
{
    /// <summary>A sign-off line ends the authored text only when at most this many non-empty lines follow it.</summary>
    const int MaxLinesAfterSignOff = 8;

    [ThreadStatic]
    static Lines? lineBuffer;

    [ThreadStatic]
    static StringBuilder? keptBuffer;

    public static string Extract(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = lineBuffer ??= new Lines();
        lines.Split(body);
        var kept = keptBuffer ??= new StringBuilder();
        kept.Clear();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimEnd();
            if (IsSignatureDelimiter(line) || StartsHistory(lines, i) || IsMobileFooter(line))
                break;
            if (IsSignOff(line) && NonEmptyLinesAfter(lines, i) <= MaxLinesAfterSignOff)
                break;
            if (line.TrimStart().StartsWith('>') || IsReplyAttribution(lines, i))
                continue;
            kept.Append(line).Append('\n');
        }
        var text = Trimmed(kept);
        lines.Release();
        if (kept.Capacity > 1 << 20)
            keptBuffer = null; // a huge body's buffer must not stay with the thread
        return text;
    }

    /// <summary>The builder's text without leading and trailing white space, as <see cref="string.Trim()"/> would give it.</summary>
    static string Trimmed(StringBuilder kept)
    {
        var start = 0;
        var end = kept.Length;
        while (start < end && char.IsWhiteSpace(kept[start]))
            start++;
        while (end > start && char.IsWhiteSpace(kept[end - 1]))
            end--;
        return kept.ToString(start, end - start);
    }

    static bool IsSignatureDelimiter(ReadOnlySpan<char> line) => line is "--" or "-- ";

    static bool IsMobileFooter(ReadOnlySpan<char> line) => MobileFooter().IsMatch(line);

    static bool IsSignOff(ReadOnlySpan<char> line) => SignOff().IsMatch(line.Trim());

    static bool StartsHistory(Lines lines, int i)
    {
        var line = lines[i].Trim();
        if (OriginalMessage().IsMatch(line) || ForwardedMessage().IsMatch(line))
            return true;
        if (SeparatorLine().IsMatch(line))
            return i + 1 < lines.Count && HeaderFrom().IsMatch(lines[i + 1].Trim());
        if (!HeaderFrom().IsMatch(line))
            return false;
        // An Outlook-style header block: "From:" followed closely by "Sent:"/"Date:" and "To:"/"Subject:".
        var sawDate = false;
        var sawAddressOrSubject = false;
        for (var j = i + 1; j < Math.Min(lines.Count, i + 6); j++)
        {
            var next = lines[j].TrimStart();
            sawDate |= next.StartsWith("Sent:", StringComparison.OrdinalIgnoreCase) || next.StartsWith("Date:", StringComparison.OrdinalIgnoreCase);
            sawAddressOrSubject |= next.StartsWith("To:", StringComparison.OrdinalIgnoreCase) || next.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase);
        }
        return sawDate && sawAddressOrSubject;
    }

    static bool IsReplyAttribution(Lines lines, int i)
    {
        var line = lines[i].Trim();
        if (ReplyAttribution().IsMatch(line))
            return true;
        // Clients wrap a long attribution: "On Tue, 3 Mar 2026 at 10:02, Jane Doe" / "<jane@x.org> wrote:".
        if (line.StartsWith("On ", StringComparison.Ordinal) && i + 1 < lines.Count && lines[i + 1].TrimEnd().EndsWith("wrote:", StringComparison.Ordinal))
            return true;
        return line.EndsWith("wrote:", StringComparison.Ordinal) && i > 0 && lines[i - 1].TrimStart().StartsWith("On ", StringComparison.Ordinal);
    }

    static int NonEmptyLinesAfter(Lines lines, int i)
    {
        var count = 0;
        for (var j = i + 1; j < lines.Count; j++)
        {
            var line = lines[j].Trim();
            if (line.StartsWith('>') || StartsHistory(lines, j) || IsReplyAttribution(lines, j))
                break;
            if (line.Length > 0)
                count++;
        }
        return count;
    }

    /// <summary>A body's lines, as positions in it: a line ends at "\r\n", "\r" or "\n".</summary>
    sealed class Lines
    {
        readonly List<(int Start, int Length)> positions = [];
        string text = "";

        public int Count => positions.Count;

        public ReadOnlySpan<char> this[int i] => text.AsSpan(positions[i].Start, positions[i].Length);

        public void Split(string body)
        {
            text = body;
            positions.Clear();
            var start = 0;
            for (var i = 0; i < body.Length; i++)
            {
                var c = body[i];
                if (c is not ('\r' or '\n'))
                    continue;
                positions.Add((start, i - start));
                if (c == '\r' && i + 1 < body.Length && body[i + 1] == '\n')
                    i++;
                start = i + 1;
            }
            positions.Add((start, body.Length - start));
        }

        /// <summary>Lets go of the body, and of the positions of a huge one.</summary>
        public void Release()
        {
            text = "";
            positions.Clear();
            if (positions.Capacity > 1 << 16)
                positions.Capacity = 1 << 10;
        }
    }

    [GeneratedRegex(@"^_{8,}$|^-{8,}$")]
    private static partial Regex SeparatorLine();

    [GeneratedRegex(@"^\s*-{2,}\s*Original Message\s*-{2,}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\s*(-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardedMessage();

    [GeneratedRegex(@"^\*?From:\*?\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^On\s.{4,240}\swrote:$")]
    private static partial Regex ReplyAttribution();

    [GeneratedRegex(@"^Sent from my \w+|^Get Outlook for \w+", RegexOptions.IgnoreCase)]
    private static partial Regex MobileFooter();

    [GeneratedRegex(@"^(thanks|thank you|thanks again|many thanks|thanks in advance|regards|best regards|kind regards|warm regards|warmest regards|best|all the best|sincerely|yours truly|respectfully|cheers|take care|v/r|very respectfully|with appreciation|cordially)[,.!]?$", RegexOptions.IgnoreCase)]
    private static partial Regex SignOff();
}
