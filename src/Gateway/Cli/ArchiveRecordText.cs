using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Access;

namespace MailFilter.Gateway.Cli;

/// <summary><c>archive show</c> as text a clerk or compliance officer reads: who sent what to whom, what the gateway decided and why, and what became of it.</summary>
public static class ArchiveRecordText
{
    public static void Write(TextWriter output, ArchiveRecord record, TimeZoneInfo zone)
    {
        var envelope = record.Envelope;
        var headers = record.Headers;
        Field(output, "Record", record.Id);
        Field(output, "Received", $"{LocalTimeInput.Format(record.ReceivedAt, zone)} ({record.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)");
        if (envelope.ClientAddress.Length > 0 || envelope.ClientHelo.Length > 0)
            Field(output, "Client", $"{envelope.ClientHelo} [{envelope.ClientAddress}]");
        Field(output, "MAIL FROM", $"<{envelope.Sender}>");
        Field(output, "RCPT TO", string.Join(", ", envelope.Recipients.Select(r => $"<{r}>")));
        Field(output, "From", headers.From);
        Field(output, "To", string.Join(", ", headers.To));
        Field(output, "Cc", string.Join(", ", headers.Cc));
        Field(output, "Subject", headers.Subject);
        Field(output, "Date", headers.Date?.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        Field(output, "Message-ID", headers.MessageId.Length > 0 ? $"<{headers.MessageId}>" : "");
        Field(output, "Size", $"{record.SizeBytes} bytes");
        Field(output, "SHA-256", record.Sha256);
        Field(output, "Direction", record.Direction);
        Field(output, "Action", record.Action.ToString().ToLowerInvariant() + (record.Categories.Count > 0 ? $" ({string.Join(", ", record.Categories)})" : ""));
        if (record.Verdict.Reason.Length > 0)
            Field(output, "Why", record.Verdict.Reason);
        if (record.ModelVersions.Count > 0)
            Field(output, "Models", string.Join(", ", record.ModelVersions));
        if (record.Series is not null)
            Field(output, "Series", record.Series + (record.RetainUntil is { } until ? $", retained until {LocalTimeInput.FormatShort(until, zone)}" : ""));

        output.WriteLine();
        output.WriteLine("Verdict");
        if (record.Verdict.RulesVersion.Length == 0 && record.Verdict.Rules.Count == 0)
            output.WriteLine($"  none: {(record.Verdict.Reason.Length > 0 ? record.Verdict.Reason : "no rules judged it")}");
        else
            ScanReport.WriteText(output, record.Id, record.Verdict);

        output.WriteLine();
        output.WriteLine("Delivery history");
        if (record.Deliveries.Count == 0)
            output.WriteLine("  (none recorded)");
        foreach (var delivery in record.Deliveries)
            output.WriteLine($"  {LocalTimeInput.FormatShort(delivery.At, zone)}  {(delivery.Recipient.Length > 0 ? $"<{delivery.Recipient}>" : "-")}  {delivery.Outcome}  {delivery.Reply}");

        output.WriteLine();
        output.WriteLine("Not searchable");
        if (record.Coverage.Count == 0)
            output.WriteLine("  (the index read the whole message)");
        foreach (var gap in record.Coverage)
            output.WriteLine($"  {gap}");
    }

    static void Field(TextWriter output, string name, string value)
    {
        if (value.Length > 0)
            output.WriteLine($"{name + ":",-12}{value}");
    }
}
