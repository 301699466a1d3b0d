using System.Security.Cryptography;
using System.Text;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Archiving;
using MailFilter.Gateway.Records.Blobs;
using MailFilter.Gateway.Verdicts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>
/// One archive batch over a real queue and the embedded stores: blobs, then one records transaction, then done entries
/// removed; idempotent after a crash; a bad entry fails alone; a store fault fails the batch and removes nothing.
/// </summary>
public sealed class ArchiveBatchWriterTests : IAsyncDisposable
{
    static readonly CancellationToken None = CancellationToken.None;
    static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    readonly RecordsTempDirectory directory = new();
    readonly ManualTimeProvider time = new(Monday);
    readonly MessageQueue queue;
    readonly ServiceProvider services;
    readonly ArchiveBatchWriter writer;

    public ArchiveBatchWriterTests()
    {
        queue = new MessageQueue(Path.Combine(directory.Path, "queue"), new DurableFileSystem(), time);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:DataDirectory"] = directory.Path }).Build();
        var collection = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSingleton<TimeProvider>(time);
        collection.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        collection.AddRecords();
        services = collection.BuildServiceProvider();
        writer = NewWriter();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        directory.Dispose();
    }

    IRecordStore Records => services.GetRequiredService<IRecordStore>();

    /// <summary>A writer as a restarted gateway has one: knowing nothing of what the archive holds.</summary>
    ArchiveBatchWriter NewWriter() => new(queue, new MessageParser(Options.Create(new FilteringOptions())), new ArchiveStores(services), time, NullLogger<ArchiveBatchWriter>.Instance);

    static string Message(string id, string word) =>
        $"From: alice@example.net\r\nTo: bob@example.org\r\nSubject: Minutes {id}\r\nMessage-ID: <{id}@example.net>\r\n\r\nThe {word} was discussed.\r\n";

    /// <summary>Commits an entry as the acceptor does (the SHA-256 as spooling computed it) into <paramref name="state"/>.</summary>
    async Task<QueueEnvelope> AddEntryAsync(QueueState state, string id, string word, Verdict? verdict = null, params string[] recipients)
    {
        var bytes = Encoding.UTF8.GetBytes(Message(id, word));
        var entry = queue.CreateIncoming();
        entry.Message.Write(bytes);
        var envelope = new QueueEnvelope
        {
            Id = entry.Id,
            ArrivedAt = time.GetUtcNow(),
            Client = new QueueClient { Address = "192.0.2.7", Helo = "client.example.net", SessionId = "S1" },
            Sender = "alice@example.net",
            Recipients = (recipients.Length == 0 ? ["bob@example.org"] : recipients).Select(r => new QueueRecipient { Address = r }).ToList(),
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
        await queue.CommitAsync(entry, envelope, verdict ?? Verdict.Pass, state);
        time.Advance(TimeSpan.FromMilliseconds(1));
        return envelope;
    }

    static FinishedEntry Delivered(QueueEnvelope envelope, DateTimeOffset at)
    {
        foreach (var recipient in envelope.Recipients)
        {
            recipient.Status = RecipientStatus.Delivered;
            recipient.LastReply = "250 2.0.0 Ok";
            recipient.UpdatedAt = at;
        }
        return FinishedEntry.Of(envelope, "delivered", at);
    }

    [Fact]
    public async Task A_committed_entry_is_archived_with_its_bytes_envelope_and_verdict_and_stays_in_the_queue()
    {
        var verdict = Verdict.Pass with { Action = VerdictAction.Quarantine, Categories = ["political"], Reason = "campaign appeal", Direction = "outbound" };
        var held = await AddEntryAsync(QueueState.Hold, "h1", "wombat", verdict);

        var result = await writer.WriteAsync([new ArchiveWork(held.Id)], None);

        result.Added.Should().Equal(held.Id);
        result.Archived.Should().Equal(held.Id);
        var record = (await Records.GetAsync(held.Id, None))!;
        record.Should().BeEquivalentTo(new
        {
            ReceivedAt = held.ArrivedAt,
            Envelope = new ArchiveEnvelope("192.0.2.7", "client.example.net", "alice@example.net", ["bob@example.org"]),
            Sha256 = held.Sha256,
            SizeBytes = held.SizeBytes,
            Action = VerdictAction.Quarantine,
            Direction = "outbound",
            Deliveries = Array.Empty<DeliveryEvent>(),
        });
        record.Verdict.Reason.Should().Be("campaign appeal");
        (await Records.SearchAsync(new ArchiveQuery { Text = "wombat" }, None)).Hits.Should().ContainSingle();
        await using var blob = await services.GetRequiredService<IMessageBlobStore>().OpenAsync(held.Sha256!, None);
        new StreamReader(blob).ReadToEnd().Should().Be(Message("h1", "wombat"));
        File.Exists(queue.EntryPath(QueueState.Hold, held.Id)).Should().BeTrue("held mail stays in hold; the archive only reads it");
    }

    [Fact]
    public async Task A_finished_entry_gets_its_outcome_from_memory_and_leaves_done_only_after_the_records_are_committed()
    {
        var entry = await AddEntryAsync(QueueState.Active, "d1", "numbat");
        await writer.WriteAsync([new ArchiveWork(entry.Id)], None);
        queue.Move(entry.Id, QueueState.Active, QueueState.Done, durable: false);

        var result = await writer.WriteAsync([new ArchiveWork(entry.Id, Delivered(entry, Monday.AddSeconds(5)))], None);

        result.Added.Should().BeEmpty("it was archived when committed");
        result.Completed.Should().Equal(entry.Id);
        queue.List(QueueState.Done).Should().BeEmpty();
        (await Records.GetAsync(entry.Id, None))!.Deliveries.Should().Equal(new DeliveryEvent("bob@example.org", "delivered", "250 2.0.0 Ok", Monday.AddSeconds(5)));
    }

    [Fact]
    public async Task An_entry_delivered_before_it_was_archived_is_archived_from_done_with_its_outcome_in_one_batch()
    {
        var entry = await AddEntryAsync(QueueState.Active, "d2", "quoll", null, "one@example.org", "two@example.org");
        queue.Move(entry.Id, QueueState.Active, QueueState.Done, durable: false);

        var result = await writer.WriteAsync([new ArchiveWork(entry.Id), new ArchiveWork(entry.Id, Delivered(entry, Monday.AddSeconds(2)))], None);

        result.Added.Should().Equal(entry.Id);
        result.Completed.Should().Contain(entry.Id);
        (await Records.GetAsync(entry.Id, None))!.Deliveries.Select(d => (d.Recipient, d.Outcome)).Should().BeEquivalentTo([("one@example.org", "delivered"), ("two@example.org", "delivered")]);
        queue.List(QueueState.Done).Should().BeEmpty();
    }

    [Fact]
    public async Task After_a_restart_a_done_entry_whose_last_outcome_was_not_written_says_so_rather_than_guess()
    {
        var entry = await AddEntryAsync(QueueState.Active, "r1", "bilby", null, "one@example.org", "two@example.org");
        // An earlier attempt delivered to one (written to the envelope at the deferral); the last one was lost with the process.
        entry.Recipients[0].Status = RecipientStatus.Delivered;
        entry.Recipients[0].LastReply = "250 2.0.0 Ok";
        entry.Recipients[0].UpdatedAt = Monday.AddMinutes(1);
        queue.WriteEnvelope(QueueState.Active, entry);
        queue.Move(entry.Id, QueueState.Active, QueueState.Done, durable: false);
        time.Advance(TimeSpan.FromMinutes(10));

        await NewWriter().WriteAsync([new ArchiveWork(entry.Id, FinishedOnDisk: true)], None);

        (await Records.GetAsync(entry.Id, None))!.Deliveries.Select(d => (d.Recipient, d.Outcome)).Should().BeEquivalentTo(
            [("one@example.org", "delivered"), ("two@example.org", DeliveryHistory.Unrecorded)]);
        queue.List(QueueState.Done).Should().BeEmpty();
    }

    [Fact]
    public async Task A_done_entry_whose_removal_a_crash_undid_is_not_archived_twice_and_gets_no_false_unrecorded_event()
    {
        var entry = await AddEntryAsync(QueueState.Active, "r2", "dunnart");
        var path = queue.EntryPath(QueueState.Active, entry.Id);
        var copy = path + ".copy";
        File.Copy(path, copy);
        queue.Move(entry.Id, QueueState.Active, QueueState.Done, durable: false);
        await writer.WriteAsync([new ArchiveWork(entry.Id, Delivered(entry, Monday.AddSeconds(1)))], None);
        // The unlink from done was not yet on disk when the power went: the entry (with its pre-delivery envelope) is back.
        File.Move(copy, queue.EntryPath(QueueState.Done, entry.Id));

        var result = await NewWriter().WriteAsync([new ArchiveWork(entry.Id, FinishedOnDisk: true)], None);

        result.Added.Should().BeEmpty();
        result.Completed.Should().Equal(entry.Id);
        (await Records.CountAsync(None)).Should().Be(1);
        (await Records.GetAsync(entry.Id, None))!.Deliveries.Should().ContainSingle().Which.Outcome.Should().Be("delivered");
    }

    [Fact]
    public async Task An_entry_whose_bytes_no_longer_match_their_sha256_stays_in_the_queue_and_the_rest_of_the_batch_is_archived()
    {
        var good = await AddEntryAsync(QueueState.Active, "g1", "potoroo");
        var bad = await AddEntryAsync(QueueState.Active, "b1", "bettong");
        var path = queue.EntryPath(QueueState.Active, bad.Id);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[5] ^= 0x20; // a flipped bit in the message, under an intact envelope
        await File.WriteAllBytesAsync(path, bytes);

        var result = await writer.WriteAsync([new ArchiveWork(good.Id), new ArchiveWork(bad.Id)], None);

        result.Added.Should().Equal(good.Id);
        result.Failed.Should().ContainSingle().Which.Id.Should().Be(bad.Id);
        (await Records.ContainsAsync([good.Id, bad.Id], None)).Should().BeEquivalentTo([good.Id]);
        File.Exists(path).Should().BeTrue("the queue file is the only copy: it is kept, never archived altered");
    }

    [Fact]
    public async Task A_store_fault_fails_the_whole_batch_and_removes_nothing_from_done()
    {
        var first = await AddEntryAsync(QueueState.Active, "f1", "kowari");
        var second = await AddEntryAsync(QueueState.Active, "f2", "mulgara");
        queue.Move(first.Id, QueueState.Active, QueueState.Done, durable: false);
        var blobs = Path.Combine(directory.Path, "archive", "blobs");
        _ = services.GetRequiredService<IMessageBlobStore>();
        Directory.Move(blobs, blobs + ".away");
        await File.WriteAllTextAsync(blobs, "not a directory");

        var batch = new[] { new ArchiveWork(first.Id, Delivered(first, Monday)), new ArchiveWork(second.Id) };
        await FluentActions.Awaiting(() => writer.WriteAsync(batch, None)).Should().ThrowAsync<IOException>();

        (await Records.CountAsync(None)).Should().Be(0);
        queue.List(QueueState.Done).Should().Equal(first.Id);

        File.Delete(blobs);
        Directory.Move(blobs + ".away", blobs);
        var retried = await writer.WriteAsync(batch, None);
        retried.Added.Should().BeEquivalentTo([first.Id, second.Id]);
        retried.Completed.Should().Equal(first.Id);
        queue.List(QueueState.Done).Should().BeEmpty();
    }

    [Fact]
    public async Task An_entry_no_longer_queued_is_reported_gone_and_a_corrupt_one_waits_for_its_repair()
    {
        var corrupt = await AddEntryAsync(QueueState.Corrupt, "c1", "antechinus");

        var result = await writer.WriteAsync([new ArchiveWork("0000000000000000"), new ArchiveWork(corrupt.Id)], None);

        result.Gone.Should().BeEquivalentTo(["0000000000000000", corrupt.Id]);
        (await Records.CountAsync(None)).Should().Be(0);
    }
}
