using System.Security.Cryptography;
using System.Text;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>Archive records for tests: every field filled, the blob hash that of the message text.</summary>
public static class TestRecords
{
    public static readonly DateTimeOffset Monday = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static string Message(string id, string subject, string body) =>
        $"From: Test <test@example.com>\r\nSubject: {subject}\r\nMessage-ID: <{id}@example.com>\r\n\r\n{body}\r\n";

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static ArchiveRecord Create(
        string id,
        DateTimeOffset? receivedAt = null,
        string subject = "Weekly schedule",
        string body = "The committee meets on Thursday.",
        string from = "alice@example.gov",
        string to = "bob@example.gov",
        string attachmentText = "",
        VerdictAction action = VerdictAction.Pass,
        IReadOnlyList<string>? categories = null,
        string direction = "internal")
    {
        categories ??= [];
        var verdict = new Verdict
        {
            Action = action,
            Direction = direction,
            Categories = categories,
            Scores = categories.ToDictionary(c => c, _ => 12.0),
            Rules = categories.Select(c => new VerdictRule($"{c.ToUpperInvariant()}_RULE", c, 12, "test rule", ["Policy 1.2"], [new VerdictEvidence("subject", subject, 0, subject.Length)])).ToList(),
            Reason = categories.Count == 0 ? "no policy matched" : $"{string.Join(",", categories)} over threshold",
            RulesVersion = "rules-1",
        };
        return new ArchiveRecord
        {
            Id = id,
            ReceivedAt = receivedAt ?? Monday,
            Envelope = new ArchiveEnvelope("192.0.2.10", "mail.example.gov", from, [to]),
            Headers = new ArchiveHeaders { From = $"\"Sender\" <{from}>", To = [to], Cc = ["clerk@example.gov"], Subject = subject, Date = receivedAt ?? Monday, MessageId = $"{id}@example.com" },
            SizeBytes = Message(id, subject, body).Length,
            Sha256 = Sha256(Message(id, subject, body)),
            Direction = direction,
            Action = action,
            Categories = categories,
            Verdict = verdict,
            RulesVersion = "rules-1",
            ModelVersions = ["harassment-2"],
            SearchText = new ArchiveSearchText(subject, $"Sender {from} {from}", $"{to} clerk@example.gov", body, attachmentText),
        };
    }
}
