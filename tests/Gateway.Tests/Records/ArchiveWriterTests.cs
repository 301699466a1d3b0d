using System.Security.Cryptography;
using System.Text;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Blobs;
using MailFilter.Gateway.Records.Indexing;
using MailFilter.Gateway.Verdicts;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>Writing a batch: bytes stored and verified, records added once, failures named by id without losing the rest.</summary>
public sealed class ArchiveWriterTests : IDisposable
{
    readonly RecordsTempDirectory directory = new();
    readonly ArchiveBackend backend;
    readonly ArchiveWriter writer;

    public ArchiveWriterTests()
    {
        backend = SqliteArchiveBackendFactory.Instance.Open(directory.Path, TimeProvider.System);
        var builder = new ArchiveRecordBuilder(new ArchiveTextBuilder([new PdfTextExtractor()], new AttachmentExtractionLimits()));
        writer = new ArchiveWriter(backend.Blobs, backend.Records, builder, NullLogger<ArchiveWriter>.Instance);
    }

    public void Dispose()
    {
        backend.Dispose();
        directory.Dispose();
    }

    static ArchiveItem Item(string id, byte[] bytes, string? sha256 = null) => new(
        new ArchiveSubmission(id, TestRecords.Monday, new ArchiveEnvelope("192.0.2.1", "mx.example", "a@example.gov", ["b@example.gov"]),
            bytes.Length, sha256 ?? Convert.ToHexStringLower(SHA256.HashData(bytes)), new Verdict { Action = VerdictAction.Pass, Direction = "internal" }),
        _ => Task.FromResult<Stream>(new MemoryStream(bytes)));

    static byte[] Eml(string id, string body) => Encoding.UTF8.GetBytes(TestRecords.Message(id, $"Subject {id}", body));

    [Fact]
    public async Task A_batch_is_stored_indexed_and_verifiable()
    {
        var result = await writer.WriteAsync([Item("A1", Eml("A1", "pothole on Main Street")), Item("A2", Eml("A2", "library hours"))], CancellationToken.None);

        result.Added.Should().Equal("A1", "A2");
        result.Failed.Should().BeEmpty();
        (await backend.Records.SearchAsync(new ArchiveQuery { Text = "pothole" }, CancellationToken.None)).Hits.Select(h => h.Id).Should().Equal("A1");
        (await backend.Records.GetAsync("A2", CancellationToken.None))!.Headers.MessageId.Should().Be("A2@example.com");
        (await backend.Verifier.VerifyAsync(null, CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task Writing_the_same_batch_again_adds_nothing()
    {
        IReadOnlyList<ArchiveItem> batch = [Item("A1", Eml("A1", "one")), Item("A2", Eml("A2", "two"))];
        await writer.WriteAsync(batch, CancellationToken.None);

        var again = await writer.WriteAsync(batch, CancellationToken.None);

        again.Added.Should().BeEmpty();
        again.AlreadyPresent.Should().BeEquivalentTo(["A1", "A2"]);
        (await backend.Records.CountAsync(CancellationToken.None)).Should().Be(2);
    }

    [Fact]
    public async Task A_message_whose_bytes_do_not_match_its_hash_is_named_and_the_rest_archived()
    {
        var result = await writer.WriteAsync(
            [Item("G1", Eml("G1", "good")), Item("BAD", Eml("BAD", "changed after spooling"), new string('e', 64)), Item("G2", Eml("G2", "good too"))],
            CancellationToken.None);

        result.Added.Should().Equal("G1", "G2");
        result.Failed.Should().ContainSingle().Which.Id.Should().Be("BAD");
        (await backend.Records.GetAsync("BAD", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_message_MIME_cannot_read_is_archived_with_its_envelope()
    {
        var result = await writer.WriteAsync([Item("E1", [])], CancellationToken.None);

        result.Added.Should().Equal("E1");
        var record = await backend.Records.GetAsync("E1", CancellationToken.None);
        record!.Envelope.Sender.Should().Be("a@example.gov");
        record.Coverage.Should().ContainSingle().Which.Reason.Should().StartWith("not readable as a MIME message");
        (await backend.Records.SearchAsync(new ArchiveQuery { From = "a@example.gov" }, CancellationToken.None)).Hits.Should().ContainSingle();
        await using var stored = await backend.Blobs.OpenAsync(record.Sha256, CancellationToken.None);
        (await stored.ReadAsync(new byte[1])).Should().Be(0);
    }
}
