using System.Text;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Cli;

/// <summary><c>queue show</c> for a person: the envelope, each recipient's state, and the verdict as <c>scan</c> explains it.</summary>
public static class QueueEntryText
{
    public static string Describe(QueueState state, QueueEnvelope envelope, Verdict verdict, StoredMessage message)
    {
        var text = new StringBuilder();
        text.AppendLine($"{envelope.Id}: {state.ToString().ToLowerInvariant()}, {envelope.SizeBytes} bytes, arrived {envelope.ArrivedAt:yyyy-MM-dd HH:mm:ss zzz}");
        text.AppendLine($"  from:       <{envelope.Sender}> via {envelope.Client.Helo} [{envelope.Client.Address}]{(envelope.Client.Tls ? ", TLS" : "")}");
        text.AppendLine($"  subject:    {envelope.Subject}");
        text.AppendLine($"  message-id: {envelope.MessageId}");
        if (envelope.Sha256 is not null)
            text.AppendLine($"  sha256:     {envelope.Sha256}");
        text.AppendLine($"  attempts:   {envelope.Attempts}{(envelope.NextAttemptAt is { } next ? $", next {next:yyyy-MM-dd HH:mm:ss zzz}" : "")}");
        foreach (var recipient in envelope.Recipients)
            text.AppendLine($"  to <{recipient.Address}>: {recipient.Status.ToString().ToLowerInvariant()}{(recipient.LastReply is null ? "" : $" ({recipient.LastReply})")}");
        text.AppendLine($"  file:       {message.Path} (message: first {message.Length} bytes)");
        using var verdictText = new StringWriter();
        ScanReport.WriteText(verdictText, "  verdict", verdict);
        text.Append(verdictText);
        return text.ToString();
    }
}
