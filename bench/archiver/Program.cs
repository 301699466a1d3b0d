using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Archiving;
using MailFilter.Gateway.Records.Blobs;
using MailFilter.Gateway.Records.Indexing;
using MailFilter.Gateway.Records.Sqlite;
using MailFilter.Gateway.Verdicts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit.IO;

// archiver-bench [COUNT] [BATCH]: the archiver's CPU per message, stage by stage, with nothing else running. COUNT
// (default 5,000) queue entries of about 5 KB — the bench's generated message — are committed to a fresh queue under
// /tmp; then each stage of archiving runs over all of them alone, and the process CPU time it took is divided by COUNT:
// read (open, envelope), blob (hash, compress, stage), blob commit (syncs, renames, directory syncs), parse, build
// (facts, index text), records (one transaction per BATCH), done (the queue's rename to done and the archiver's
// unlink). Last, the whole ArchiveBatchWriter over a second set, for the total. Also the bytes written to storage per
// message by each stage (/proc/self/io write_bytes).
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var count = positional.Length > 0 ? int.Parse(positional[0]) : 5_000;
var batchSize = positional.Length > 1 ? int.Parse(positional[1]) : 100;
var root = Path.Combine(Path.GetTempPath(), $"archiver-bench-{Guid.NewGuid():N}");
var none = CancellationToken.None;
var results = new List<(string Stage, double CpuMs, double WallMs, double WrittenKb)>();

try
{
    var queue = new MessageQueue(Path.Combine(root, "queue"), new DurableFileSystem(), TimeProvider.System);
    var ids = await CommitAsync(queue, count, "a");
    var parser = new MessageParser(Options.Create(new FilteringOptions()));
    var blobs = new FileBlobStore(Path.Combine(root, "stages", "blobs"));
    using var database = new SqliteArchiveDatabase(Path.Combine(root, "stages", "records.db"));
    var records = new SqliteRecordStore(database, TimeProvider.System);
    var builder = new ArchiveRecordBuilder(new ArchiveTextBuilder(
        [new PdfTextExtractor(), new WordTextExtractor(), new SpreadsheetTextExtractor(), new PresentationTextExtractor()], new AttachmentExtractionLimits()));

    var envelopes = new QueueEnvelope[count];
    var lengths = new long[count];
    Measure("read (open, envelope)", () =>
    {
        for (var i = 0; i < count; i++)
        {
            using var file = Open(queue, ids[i]);
            (envelopes[i], lengths[i]) = QueueFile.ReadEnvelope(file);
        }
    });
    var stored = new StoredBlob[count];
    var batches = new List<IMessageBlobBatch>();
    Measure("blob (hash, compress, stage)", () =>
    {
        for (var start = 0; start < count; start += batchSize)
        {
            var batch = blobs.BeginBatch();
            batches.Add(batch);
            for (var i = start; i < Math.Min(count, start + batchSize); i++)
            {
                using var file = Open(queue, ids[i]);
                stored[i] = batch.PutAsync(new BoundStream(file, 0, lengths[i], leaveOpen: true), envelopes[i].Sha256, none).GetAwaiter().GetResult();
            }
        }
    });
    Measure($"blob commit (per {batchSize})", () =>
    {
        foreach (var batch in batches)
            batch.CommitAsync(none).GetAwaiter().GetResult();
    });
    var messages = new MimeKit.MimeMessage[count];
    var files = new FileStream[count];
    Measure("parse", () =>
    {
        for (var i = 0; i < count; i++)
        {
            files[i] = Open(queue, ids[i]);
            messages[i] = parser.Parse(new BoundStream(files[i], 0, lengths[i], leaveOpen: true), none);
        }
    });
    var built = new ArchiveRecord[count];
    Measure("build (facts, index text)", () =>
    {
        for (var i = 0; i < count; i++)
        {
            var envelope = envelopes[i];
            built[i] = builder.Build(new ArchiveSubmission(envelope.Id, envelope.ArrivedAt,
                new ArchiveEnvelope(envelope.Client.Address, envelope.Client.Helo, envelope.Sender, envelope.Recipients.Select(r => r.Address).ToList()),
                stored[i].SizeBytes, stored[i].Sha256, envelope.Verdict ?? Verdict.Pass), messages[i], none);
        }
    });
    foreach (var file in files)
        file.Dispose();
    Measure($"records (a transaction per {batchSize})", () =>
    {
        for (var start = 0; start < count; start += batchSize)
        {
            var deliveries = Enumerable.Range(start, Math.Min(batchSize, count - start))
                .Select(i => new RecordDelivery(ids[i], new DeliveryEvent("bob@bench.test", "delivered", "250 2.0.0 Ok", DateTimeOffset.UtcNow))).ToList();
            records.AddAsync(built[start..Math.Min(count, start + batchSize)], deliveries, none).GetAwaiter().GetResult();
        }
    });
    Measure("done (rename to done, unlink)", () =>
    {
        foreach (var id in ids)
        {
            queue.Move(id, QueueState.Active, QueueState.Done, durable: false);
            queue.Delete(QueueState.Done, id);
        }
    });

    // The whole writer, as the archiver runs it, over a second set (committed, then finished with their outcome).
    var second = await CommitAsync(queue, count, "b");
    var services = new ServiceCollection()
        .AddSingleton<IRecordStore>(new SqliteRecordStore(new SqliteArchiveDatabase(Path.Combine(root, "writer", "records.db")), TimeProvider.System))
        .AddSingleton<IMessageBlobStore>(new FileBlobStore(Path.Combine(root, "writer", "blobs")))
        .AddSingleton(builder)
        .BuildServiceProvider();
    var writer = new ArchiveBatchWriter(queue, parser, new ArchiveStores(services), TimeProvider.System, NullLogger<ArchiveBatchWriter>.Instance);
    Measure($"ArchiveBatchWriter, committed (per {batchSize})", () =>
    {
        for (var start = 0; start < count; start += batchSize)
            writer.WriteAsync(second[start..Math.Min(count, start + batchSize)].Select(id => new ArchiveWork(id)).ToList(), none).GetAwaiter().GetResult();
    });
    Measure($"ArchiveBatchWriter, finished (per {batchSize})", () =>
    {
        for (var start = 0; start < count; start += batchSize)
        {
            var work = new List<ArchiveWork>();
            foreach (var id in second[start..Math.Min(count, start + batchSize)])
            {
                queue.Move(id, QueueState.Active, QueueState.Done, durable: false);
                work.Add(new ArchiveWork(id, new FinishedEntry(id, "delivered", DateTimeOffset.UtcNow,
                    [new QueueRecipient { Address = "bob@bench.test", Status = RecipientStatus.Delivered, LastReply = "250 2.0.0 Ok", UpdatedAt = DateTimeOffset.UtcNow }])));
            }
            writer.WriteAsync(work, none).GetAwaiter().GetResult();
        }
    });

    Console.WriteLine($"{count:N0} messages of {new FileInfo(Path.Combine(root, "stages", "records.db")).Length / count:N0} B of database each; batches of {batchSize}");
    Console.WriteLine($"{"stage",-44} {"cpu ms/msg",10} {"wall ms/msg",11} {"written KB/msg",14}");
    foreach (var (stage, cpu, wall, kb) in results)
        Console.WriteLine($"{stage,-44} {cpu,10:N3} {wall,11:N3} {kb,14:N1}");
}
finally
{
    Directory.Delete(root, recursive: true);
}

void Measure(string stage, Action action)
{
    GC.Collect();
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var written = WrittenBytes();
    var clock = Stopwatch.StartNew();
    action();
    process.Refresh();
    results.Add((stage, (process.TotalProcessorTime - cpu).TotalMilliseconds / count, clock.Elapsed.TotalMilliseconds / count, (WrittenBytes() - written) / 1024.0 / count));
}

// Bytes this process caused to be written to storage (Linux /proc/self/io; 0 elsewhere).
static long WrittenBytes() => File.Exists("/proc/self/io")
    ? long.Parse(File.ReadLines("/proc/self/io").First(line => line.StartsWith("write_bytes:", StringComparison.Ordinal))["write_bytes:".Length..].Trim())
    : 0;

static FileStream Open(MessageQueue queue, string id)
{
    queue.TryFind(id, out var state);
    return new FileStream(queue.EntryPath(state, id), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
}

// Entries as the acceptor commits them: the bench's generated 5 KB message (bench/LoadGen/MessageSource.cs), a pass verdict.
static async Task<string[]> CommitAsync(MessageQueue queue, int count, string run)
{
    string[] sentences =
    [
        "The facilities team will inspect the north annex roof on Tuesday morning.",
        "Please find the revised agenda for the planning commission work session.",
        "Water main flushing in district four is scheduled for the second week.",
        "The library board approved the extended summer reading hours.",
        "Minutes of the previous meeting are attached for your review.",
        "Parking lot resurfacing at the transit center begins after the holiday.",
        "The records retention schedule was updated to reflect the state guidance.",
        "Budget worksheets are due to the finance office by the end of the month.",
    ];
    var body = new StringBuilder("Good morning,\r\n\r\n");
    for (var i = 0; body.Length < 4800; i++)
        body.Append(sentences[i % sentences.Length]).Append("\r\n");
    var ids = new string[count];
    for (var n = 0; n < count; n++)
    {
        var bytes = Encoding.ASCII.GetBytes(
            $"From: Bench Sender <sender@bench.test>\r\nTo: Bench Recipient <bob@bench.test>\r\nSubject: Bench message {run}-{n}\r\n" +
            $"Date: Sun, 06 Dec 2026 12:00:00 +0000\r\nMessage-ID: <{run}-{n}@bench.mailfilter.test>\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" + body);
        var entry = queue.CreateIncoming();
        await entry.Message.WriteAsync(bytes);
        await queue.CommitAsync(entry, new QueueEnvelope
        {
            Id = entry.Id,
            ArrivedAt = DateTimeOffset.UtcNow,
            Client = new QueueClient { Address = "127.0.0.1", Helo = "bench", SessionId = "S" },
            Sender = "sender@bench.test",
            Recipients = [new QueueRecipient { Address = "bob@bench.test" }],
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        }, Verdict.Pass with { Direction = "inbound" }, QueueState.Active);
        ids[n] = entry.Id;
    }
    return ids;
}
