using MailFilter.Rules.Facts;

namespace MailFilter.Rules.Tests;

/// <summary>Small message facts for tests, without MIME.</summary>
public static class TestMessages
{
    public static MessageFacts Body(string body, string subject = "", MessageDirection direction = MessageDirection.Inbound,
        string from = "someone@outside.example", IReadOnlyDictionary<string, double>? external = null)
    {
        var texts = new List<TextSource>();
        if (subject.Length > 0) texts.Add(new TextSource(TextKind.Subject, "subject", subject));
        texts.Add(new TextSource(TextKind.Body, "body (text/plain)", body));
        return new MessageFacts
        {
            MailFrom = from,
            FromAddress = from,
            Recipients = ["staff@city.example"],
            HeaderRecipients = ["staff@city.example"],
            Direction = direction,
            Subject = subject,
            Texts = texts,
            ExternalScores = external ?? new Dictionary<string, double>(),
        };
    }
}
