using System.Net;
using System.Text;
using MailFilter.Gateway.Verdicts;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Queue;

static class QueueTestData
{
    public const string Message = "From: alice@example.net\r\nTo: bob@example.org\r\nSubject: Budget meeting\r\nMessage-ID: <m1@example.net>\r\n\r\nSee you at 10.\r\n.leading dot stays\r\n";

    public static SmtpEnvelope Envelope(params string[] recipients) => new(
        "S1", new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40000), "client.example.net", IsTls: false, AuthenticatedUser: null,
        IsTrustedClient: true, "alice@example.net", recipients.Length == 0 ? ["bob@example.org"] : recipients, SmtpBodyType.EightBitMime, SmtpUtf8: false, DeclaredSize: null);

    /// <summary>Puts a complete entry straight into <paramref name="state"/> the way the receiver would.</summary>
    public static async Task<QueueEnvelope> AddEntryAsync(MessageQueue queue, QueueState state, DateTimeOffset arrivedAt, string sender = "alice@example.net", string message = Message, params string[] recipients)
    {
        var entry = queue.CreateIncoming();
        entry.Message.Write(Encoding.Latin1.GetBytes(message));
        var envelope = new QueueEnvelope
        {
            Id = entry.Id,
            ArrivedAt = arrivedAt,
            Client = new QueueClient { Address = "192.0.2.7", Helo = "client.example.net", SessionId = "S1" },
            Sender = sender,
            Recipients = (recipients.Length == 0 ? ["bob@example.org"] : recipients).Select(r => new QueueRecipient { Address = r }).ToList(),
            SizeBytes = message.Length,
            MessageId = "m1@example.net",
            Subject = message == Message ? "Budget meeting" : null,
        };
        await queue.CommitAsync(entry, envelope, Verdict.Pass, state);
        return envelope;
    }

    /// <summary>The message bytes of a queue file, as Latin-1 text (byte for byte).</summary>
    public static string ReadMessage(MessageQueue queue, QueueState state, string id)
    {
        using var stream = queue.Read(state, id).Message.Open();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return reader.ReadToEnd();
    }

    /// <summary>Replaces a queue file's envelope with text that is not JSON, keeping the message and a well-formed footer.</summary>
    public static void BreakEnvelope(MessageQueue queue, QueueState state, string id, string notJson = "{ not json")
    {
        var path = queue.EntryPath(state, id);
        var message = ReadMessage(queue, state, id);
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(message + notJson + $"\nMailFilter-Envelope-Length: {notJson.Length:D16}\n"));
    }
}
