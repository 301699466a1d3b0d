using System.Security.Cryptography;
using System.Text;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Indexing;
using MailFilter.Gateway.Tests.Records;
using MailFilter.Gateway.Verdicts;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailFilter.Gateway.Tests.Cli;

/// <summary>
/// A data directory whose archive holds three messages, written as the archiver writes them (ArchiveWriter), for the
/// command-line tests to read through the real executable. Times are chosen around the US spring-forward (March 9,
/// 2025) and read in America/Chicago (<see cref="Zone"/>).
/// </summary>
public sealed class ArchiveSeed : IDisposable
{
    public const string Zone = "America/Chicago";

    /// <summary>Passed, internal: Monday 3 March 2025, 09:00 in Chicago (15:00 UTC).</summary>
    public const string Pothole = "01JNK0POTHOLE001";

    /// <summary>Quarantined for profanity, inbound: Tuesday 4 March 2025, 10:00 in Chicago.</summary>
    public const string Complaint = "01JNK0COMPLAINT1";

    /// <summary>Tagged as solicitation, outbound: Monday 10 March 2025, 09:00 in Chicago (CDT, 14:00 UTC).</summary>
    public const string BakeSale = "01JNK0BAKESALE01";

    public static readonly string PotholeMessage = Message("pothole-1@city.example", "Alice Smith <alice@city.example>", "bob@city.example",
        "Pothole on Main Street", "The pothole near the library is back after the thaw.");

    public static readonly string ComplaintMessage = Message("complaint-7@mail.example", "Angry Resident <resident@mail.example>", "council@city.example",
        "Budget complaint", "Your damn budget process is a joke.");

    public static readonly string BakeSaleMessage = Message("bake-3@city.example", "Carol <carol@city.example>", "everyone@partner.example",
        "Bake sale Friday", "Cookies for sale, five dollars a box.");

    public TempDirectory Data { get; } = new();

    public string DataDirectory => Data.Path;

    /// <summary>The arguments every command of a test passes: the zone in which it reads and prints dates.</summary>
    public static string[] InZone(params string[] arguments) => [.. arguments, $"--Records:TimeZone={Zone}"];

    public static async Task<ArchiveSeed> CreateAsync()
    {
        var seed = new ArchiveSeed();
        using var backend = SqliteArchiveBackendFactory.Instance.Open(seed.DataDirectory, TimeProvider.System);
        var writer = new ArchiveWriter(backend.Blobs, backend.Records,
            new ArchiveRecordBuilder(new ArchiveTextBuilder([], new AttachmentExtractionLimits())), NullLogger<ArchiveWriter>.Instance);
        var result = await writer.WriteAsync(
        [
            Item(Pothole, new DateTimeOffset(2025, 3, 3, 15, 0, 0, TimeSpan.Zero), PotholeMessage, "alice@city.example", "bob@city.example",
                new Verdict { Action = VerdictAction.Pass, Direction = "internal", Reason = "no policy matched", RulesVersion = "rules-1" },
                [new DeliveryEvent("bob@city.example", "delivered", "250 2.0.0 Ok: queued as 4XyZ", new DateTimeOffset(2025, 3, 3, 15, 0, 2, TimeSpan.Zero))]),
            Item(Complaint, new DateTimeOffset(2025, 3, 4, 16, 0, 0, TimeSpan.Zero), ComplaintMessage, "resident@mail.example", "council@city.example",
                Verdict("profanity", VerdictAction.Quarantine, "inbound", "damn"), []),
            Item(BakeSale, new DateTimeOffset(2025, 3, 10, 14, 0, 0, TimeSpan.Zero), BakeSaleMessage, "carol@city.example", "everyone@partner.example",
                Verdict("solicitation", VerdictAction.Tag, "outbound", "for sale"), []),
        ], CancellationToken.None);
        result.Added.Should().HaveCount(3);
        return seed;
    }

    /// <summary>Adds a message MIME cannot read (no header section at all): archived by its envelope, with a coverage gap.</summary>
    public async Task AddUnreadableAsync(string id, DateTimeOffset receivedAt)
    {
        using var backend = SqliteArchiveBackendFactory.Instance.Open(DataDirectory, TimeProvider.System);
        var writer = new ArchiveWriter(backend.Blobs, backend.Records,
            new ArchiveRecordBuilder(new ArchiveTextBuilder([], new AttachmentExtractionLimits())), NullLogger<ArchiveWriter>.Instance);
        var result = await writer.WriteAsync([Item(id, receivedAt, "", "scanner@city.example", "records@city.example", new Verdict { Action = VerdictAction.Pass, Direction = "internal" }, [])],
            CancellationToken.None);
        result.Added.Should().Equal(id);
    }

    public static string Sha256(string message) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message)));

    static string Message(string messageId, string from, string to, string subject, string body) =>
        $"From: {from}\r\nTo: {to}\r\nCc: Records <records@city.example>\r\nSubject: {subject}\r\nDate: Mon, 3 Mar 2025 09:00:00 -0600\r\nMessage-ID: <{messageId}>\r\n\r\n{body}\r\n";

    static Verdict Verdict(string category, VerdictAction action, string direction, string evidence) => new()
    {
        Action = action,
        Direction = direction,
        Categories = [category],
        Scores = new Dictionary<string, double> { [category] = 12 },
        CategoryResults = new Dictionary<string, CategoryResult> { [category] = new CategoryResult(12, action, 5, action == VerdictAction.Quarantine ? 10 : null, null) },
        Rules = [new VerdictRule($"{category.ToUpperInvariant()}_WORDS", category, 12, $"{category} wording", ["County policy I.4"], [new VerdictEvidence("body", evidence, 0, evidence.Length)])],
        Reason = $"{category} over threshold",
        RulesVersion = "rules-1",
    };

    static ArchiveItem Item(string id, DateTimeOffset receivedAt, string message, string sender, string recipient, Verdict verdict, IReadOnlyList<DeliveryEvent> deliveries)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        return new ArchiveItem(
            new ArchiveSubmission(id, receivedAt, new ArchiveEnvelope("192.0.2.10", "mail.example", sender, [recipient]), bytes.Length, Sha256(message), verdict) { Deliveries = deliveries },
            _ => Task.FromResult<Stream>(new MemoryStream(bytes)));
    }

    public void Dispose() => Data.Dispose();
}
