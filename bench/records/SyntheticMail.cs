using System.Text;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Bench.Records;

/// <summary>
/// Deterministic synthetic mail: a 20,000-word vocabulary of made-up words drawn with a Zipf distribution (as words in
/// real mail are), 120-word bodies, 6-word subjects, 2,000 senders, 5,000 recipients, received over three years in
/// order with jitter (so some batches arrive out of order), 3% quarantined in "political", 5% tagged.
/// </summary>
sealed class SyntheticMail(int seed)
{
    const int VocabularySize = 20_000;
    static readonly string[] Syllables = ["ka", "lo", "mi", "ten", "ra", "vo", "shu", "pel", "dri", "an", "or", "es", "tu", "bam", "ki", "zo", "nel", "ur", "fa", "gri"];
    public static readonly string[] Vocabulary = BuildVocabulary();
    static readonly double[] Cumulative = BuildZipf();
    public static readonly DateTimeOffset Start = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);

    readonly Random random = new(seed);

    static string[] BuildVocabulary()
    {
        var words = new HashSet<string>();
        var random = new Random(1);
        while (words.Count < VocabularySize)
        {
            var length = 2 + random.Next(3);
            var word = new StringBuilder();
            for (var i = 0; i < length; i++)
                word.Append(Syllables[random.Next(Syllables.Length)]);
            words.Add(word.ToString());
        }
        return [.. words];
    }

    static double[] BuildZipf()
    {
        var weights = Enumerable.Range(1, VocabularySize).Select(rank => 1.0 / rank).ToArray();
        var total = weights.Sum();
        var cumulative = new double[VocabularySize];
        double sum = 0;
        for (var i = 0; i < VocabularySize; i++)
            cumulative[i] = (sum += weights[i] / total);
        return cumulative;
    }

    string Word()
    {
        var index = Array.BinarySearch(Cumulative, random.NextDouble());
        return Vocabulary[Math.Min(index < 0 ? ~index : index, VocabularySize - 1)];
    }

    string Words(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
            text.Append(Word()).Append(i % 15 == 14 ? ". " : " ");
        return text.ToString();
    }

    public ArchiveRecord Next(long index, long total)
    {
        var span = TimeSpan.FromDays(3 * 365);
        var receivedAt = Start + span * ((double)index / total) + TimeSpan.FromMinutes(random.Next(-600, 600));
        var from = $"user{random.Next(2000)}@{(random.Next(3) == 0 ? "example.gov" : "mail" + random.Next(200) + ".example")}";
        var to = $"staff{random.Next(5000)}@example.gov";
        var subject = Words(6);
        var body = Words(120);
        var roll = random.Next(100);
        var action = roll < 3 ? VerdictAction.Quarantine : roll < 8 ? VerdictAction.Tag : VerdictAction.Pass;
        IReadOnlyList<string> categories = action == VerdictAction.Quarantine ? ["political"] : action == VerdictAction.Tag ? ["solicitation"] : [];
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(index * 7919 + seed)));
        return new ArchiveRecord
        {
            Id = $"SYN{index:D13}",
            ReceivedAt = receivedAt,
            Envelope = new ArchiveEnvelope("192.0.2.1", "mx.example", from, [to]),
            Headers = new ArchiveHeaders { From = from, To = [to], Subject = subject, Date = receivedAt, MessageId = $"{index}@synthetic.example" },
            SizeBytes = 600 + body.Length + subject.Length,
            Sha256 = sha,
            Direction = random.Next(2) == 0 ? "inbound" : "internal",
            Action = action,
            Categories = categories,
            Verdict = new Verdict { Action = action, Categories = categories, Direction = "inbound", Reason = "synthetic", RulesVersion = "bench" },
            RulesVersion = "bench",
            SearchText = new ArchiveSearchText(subject, from, to, body, ""),
        };
    }
}
