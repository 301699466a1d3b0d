using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>Builds the RFC 3464 delivery status notification for recipients that failed for good.</summary>
public static class BounceBuilder
{
    public static MimeMessage Build(QueueEnvelope original, IReadOnlyList<QueueRecipient> failed, string reportingMta, HeaderList originalHeaders, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Mail Delivery System", $"MAILER-DAEMON@{reportingMta}"));
        message.To.Add(new MailboxAddress("", original.Sender));
        message.Subject = "Undelivered Mail Returned to Sender";
        message.Date = now;
        message.MessageId = MimeUtils.GenerateMessageId(reportingMta);
        message.Headers.Add("Auto-Submitted", "auto-replied"); // RFC 3834: no auto-reply to this
        if (original.MessageId is { } originalId)
            message.Headers.Add(HeaderId.InReplyTo, $"<{originalId}>");

        var report = new MultipartReport("delivery-status");
        report.Add(new TextPart("plain") { Text = HumanReadable(original, failed, reportingMta) });

        var status = new MessageDeliveryStatus();
        var perMessage = new HeaderList
        {
            { "Reporting-MTA", $"dns; {reportingMta}" },
            { "X-MailFilter-Queue-ID", original.Id },
            { "Arrival-Date", DateUtils.FormatDate(original.ArrivedAt) },
        };
        status.StatusGroups.Add(perMessage);
        foreach (var recipient in failed)
        {
            var perRecipient = new HeaderList
            {
                { "Final-Recipient", $"rfc822; {recipient.Address}" },
                { "Action", "failed" },
                { "Status", StatusCode(recipient.LastReply) },
            };
            if (recipient.RemoteHost is { } host && host != "outbox")
                perRecipient.Add("Remote-MTA", $"dns; {host}");
            if (recipient.LastReply is { } reply)
                perRecipient.Add("Diagnostic-Code", $"smtp; {reply}");
            perRecipient.Add("Last-Attempt-Date", DateUtils.FormatDate(recipient.UpdatedAt ?? now));
            status.StatusGroups.Add(perRecipient);
        }
        report.Add(status);

        var headers = new MemoryStream();
        originalHeaders.WriteTo(FormatOptions.Default, headers);
        headers.Position = 0;
        report.Add(new MimePart("text", "rfc822-headers") { Content = new MimeContent(headers), ContentTransferEncoding = ContentEncoding.SevenBit });

        message.Body = report;
        return message;
    }

    /// <summary>The RFC 3463 code from a reply like "550 5.1.1 No such user"; 5.0.0 (or 4.4.7 when expired) if none.</summary>
    public static string StatusCode(string? reply)
    {
        var parts = (reply ?? "").Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2 && parts[1].Split('.') is [var klass, var subject, var detail]
            && klass is "4" or "5" && subject.All(char.IsAsciiDigit) && detail.All(char.IsAsciiDigit) && subject.Length > 0 && detail.Length > 0)
            return klass == "4" ? "5" + parts[1][1..] : parts[1];
        return "5.0.0";
    }

    static string HumanReadable(QueueEnvelope original, IReadOnlyList<QueueRecipient> failed, string reportingMta)
    {
        var text = new StringBuilder();
        text.AppendLine($"This is the mail system at {reportingMta}.");
        text.AppendLine();
        text.AppendLine("Your message could not be delivered to one or more recipients.");
        text.AppendLine($"It arrived on {DateUtils.FormatDate(original.ArrivedAt)} (queue id {original.Id}).");
        text.AppendLine();
        foreach (var recipient in failed)
            text.AppendLine($"<{recipient.Address}>: {recipient.LastReply}");
        return text.ToString();
    }
}
