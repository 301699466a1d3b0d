using System.Text;
using MailFilter.Gateway.Verdicts;
using MimeKit.Utils;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>The header lines prepended on the way out: Received (RFC 5321 §4.4) and X-MailFilter-*.</summary>
public static class TraceHeaders
{
    const int MaxHeaderValueLength = 900;

    public static byte[] Build(QueueEnvelope envelope, Verdict verdict, string hostName)
    {
        var text = new StringBuilder();
        text.Append(Received(envelope, hostName));
        text.Append("X-MailFilter-Queue-Id: ").Append(envelope.Id).Append("\r\n");
        text.Append("X-MailFilter-Verdict: ").Append(Clean(verdict.Action.ToString().ToLowerInvariant())).Append("\r\n");
        if (verdict.Action != VerdictAction.Pass && verdict.Categories.Count > 0)
            text.Append("X-MailFilter-Categories: ").Append(Clean(string.Join(", ", verdict.Categories))).Append("\r\n");
        if (verdict.Action != VerdictAction.Pass && verdict.Rules.Count > 0)
        {
            var rules = string.Join(", ", verdict.Rules.Select(rule => $"{rule.Id}={rule.Score:0.##}"));
            text.Append("X-MailFilter-Rules: ").Append(Clean(rules)).Append("\r\n");
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// "from helo ([ip]) by host (MailFilter) with ESMTP[S][A] id ID [for &lt;rcpt&gt;]; date" — folded;
    /// "for" only with a single recipient, so a header never discloses a message's other recipients.
    /// </summary>
    public static string Received(QueueEnvelope envelope, string hostName)
    {
        var protocol = "ESMTP" + (envelope.Client.Tls ? "S" : "") + (envelope.Client.AuthenticatedUser is null ? "" : "A");
        var text = new StringBuilder("Received: from ");
        text.Append(Clean(envelope.Client.Helo.Length > 0 ? envelope.Client.Helo : "unknown"));
        var literal = envelope.Client.Address.Contains(':') ? "IPv6:" + envelope.Client.Address : envelope.Client.Address;
        text.Append(" ([").Append(Clean(literal)).Append("])\r\n");
        text.Append("\tby ").Append(Clean(hostName)).Append(" (MailFilter) with ").Append(protocol).Append(" id ").Append(envelope.Id);
        if (envelope.Recipients.Count == 1)
            text.Append("\r\n\tfor <").Append(Clean(envelope.Recipients[0].Address)).Append('>');
        text.Append("; ").Append(DateUtils.FormatDate(envelope.ArrivedAt)).Append("\r\n");
        return text.ToString();
    }

    /// <summary>Printable ASCII only and bounded, so a header value can never break the header section.</summary>
    static string Clean(string value)
    {
        var cleaned = new string(value.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
        return cleaned.Length <= MaxHeaderValueLength ? cleaned : cleaned[..MaxHeaderValueLength] + "...";
    }
}
