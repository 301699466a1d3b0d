using System.Diagnostics;
using MailFilter.Bench.Records;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Sqlite;
using MailFilter.Gateway.Verdicts;

// records-bench [COUNT] [DIRECTORY] [--blobs-only]: ingests COUNT synthetic records (default 1,000,000) in batches of
// 1,000 into DIRECTORY/records.db (kept for re-runs: an existing archive of that size is searched, not re-ingested),
// times the first page of a set of searches in this process, then the blob store's rate (README.md).
var blobsOnly = args.Contains("--blobs-only");
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var count = positional.Length > 0 ? long.Parse(positional[0]) : 1_000_000;
var directory = positional.Length > 1 ? positional[1] : Path.Combine(Path.GetTempPath(), $"records-bench-{count}");
const int BatchSize = 1000;

using var database = new SqliteArchiveDatabase(ArchiveLayout.DatabasePath(directory));
var store = new SqliteRecordStore(database, TimeProvider.System);
var existing = await store.CountAsync(CancellationToken.None);
if (existing < count)
{
    var mail = new SyntheticMail(seed: 42);
    var clock = Stopwatch.StartNew();
    for (var index = existing; index < count; index += BatchSize)
    {
        var batch = new List<ArchiveRecord>(BatchSize);
        for (var i = index; i < Math.Min(index + BatchSize, count); i++)
            batch.Add(mail.Next(i, count));
        await store.AddAsync(batch, CancellationToken.None);
        if ((index / BatchSize) % 100 == 99)
            Console.Error.WriteLine($"{index + BatchSize:N0} records, {(index + BatchSize - existing) / clock.Elapsed.TotalSeconds:N0}/s");
    }
    Console.WriteLine($"ingest: {count - existing:N0} records in {clock.Elapsed.TotalSeconds:N1} s = {(count - existing) / clock.Elapsed.TotalSeconds:N0} records/s (batches of {BatchSize}, one transaction each)");
}
var bytes = new DirectoryInfo(directory).EnumerateFiles("records.db*").Sum(f => f.Length);
Console.WriteLine($"database: {bytes / 1048576.0:N0} MiB for {count:N0} records = {bytes / (double)count:N0} bytes/record (without blobs)");

var words = SyntheticMail.Vocabulary;
var lastMonth = SyntheticMail.Start.AddDays(3 * 365 - 30);
var queries = new (string Name, ArchiveQuery Query)[]
{
    ("common word", new() { Text = words[3] }),
    ("mid word (rank 500)", new() { Text = words[499] }),
    ("rare word (rank 15000)", new() { Text = words[14_999] }),
    ("phrase of two common words", new() { Text = $"\"{words[0]} {words[1]}\"" }),
    ("prefix, 2 letters", new() { Text = words[10][..2] + "*" }),
    ("prefix, 3 letters", new() { Text = words[10][..3] + "*" }),
    ("prefix, 4 letters", new() { Text = words[10][..4] + "*" }),
    ("prefix, 5 letters", new() { Text = words[10][..5] + "*" }),
    ("word NOT word", new() { Text = $"{words[5]} NOT {words[6]}" }),
    ("word OR rare word", new() { Text = $"{words[14_998]} OR {words[14_997]}" }),
    ("common word, last 30 days", new() { Text = words[3], Since = lastMonth }),
    ("common word, quarantined", new() { Text = words[3], Action = VerdictAction.Quarantine }),
    ("common word, page 20", new() { Text = words[3], Page = 20 }),
    ("from address", new() { From = "user17@example.gov" }),
    ("category only", new() { Category = "political" }),
    ("message-id", new() { MessageId = $"{count / 2}@synthetic.example" }),
    ("everything, newest first", new()),
};
if (!blobsOnly)
{
    Console.WriteLine($"{"search (first page of 50)",-32} {"hits",5} {"first ms",9} {"median ms",10}");
    foreach (var (name, query) in queries)
    {
        var times = new List<double>();
        var hits = 0;
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            var page = await store.SearchAsync(query with { Limit = 50 }, CancellationToken.None);
            times.Add(clock.Elapsed.TotalMilliseconds);
            hits = page.Hits.Count;
        }
        var first = times[0];
        times.Sort();
        Console.WriteLine($"{name,-32} {hits,5} {first,9:N1} {times[2],10:N1}");
    }
}

// Blobs: 20,000 synthetic messages of about 8 KB (headers + eight bodies of the same vocabulary), stored in batches of
// 1,000 (files synced together, then one directory sync round), as the archiver and import store them. A fresh blob
// directory each run, so every message is written.
if (Directory.Exists(ArchiveLayout.BlobDirectory(directory)))
    Directory.Delete(ArchiveLayout.BlobDirectory(directory), recursive: true);
var blobs = new MailFilter.Gateway.Records.Blobs.FileBlobStore(ArchiveLayout.BlobDirectory(directory));
var generator = new SyntheticMail(seed: 7);
const int BlobCount = 20_000;
// Made before the clock starts: the generator is slower than the store.
var messages = new List<byte[]>(BlobCount);
for (var i = 0; i < BlobCount; i++)
{
    var record = generator.Next(i, BlobCount);
    // Eight different bodies: one repeated eight times would compress unrealistically well.
    var text = $"From: {record.Headers.From}\r\nTo: {record.Headers.To[0]}\r\nSubject: {record.Headers.Subject}\r\n" +
               $"Message-ID: <{record.Headers.MessageId}>\r\nDate: {record.ReceivedAt:R}\r\n\r\n" +
               string.Join("\r\n", Enumerable.Range(0, 8).Select(_ => generator.Next(i, BlobCount).SearchText.Body));
    messages.Add(System.Text.Encoding.UTF8.GetBytes(text));
}
long original = 0, stored = 0;
var blobClock = Stopwatch.StartNew();
for (var index = 0; index < BlobCount; index += BatchSize)
{
    await using var batch = blobs.BeginBatch();
    for (var i = index; i < index + BatchSize; i++)
    {
        var put = await batch.PutAsync(new MemoryStream(messages[i]), null, CancellationToken.None);
        original += put.SizeBytes;
        stored += put.StoredBytes;
    }
    await batch.CommitAsync(CancellationToken.None);
}
Console.WriteLine($"blobs: {BlobCount:N0} messages of {original / BlobCount:N0} bytes in {blobClock.Elapsed.TotalSeconds:N1} s = {BlobCount / blobClock.Elapsed.TotalSeconds:N0} messages/s, " +
                  $"{stored / BlobCount:N0} bytes each on disk (zstd level 3)");
