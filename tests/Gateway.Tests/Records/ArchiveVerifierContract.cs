using System.Text;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Audit;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>What <c>archive verify</c> must find on any backend: each altered or missing message and each broken audit link, named.</summary>
public abstract class ArchiveVerifierContract : ArchiveContract
{
    async Task<ArchiveRecord> ArchiveAsync(string id, string body)
    {
        var record = TestRecords.Create(id, body: body);
        var message = TestRecords.Message(id, record.Headers.Subject, body);
        var stored = await Backend.Blobs.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes(message)), record.Sha256, None);
        stored.Sha256.Should().Be(record.Sha256);
        await Backend.Records.AddAsync([record], None);
        return record;
    }

    [Fact]
    public async Task An_intact_archive_verifies()
    {
        await ArchiveAsync("V1", "one");
        await ArchiveAsync("V2", "two");
        await Backend.Audit.AppendAsync(new AuditEvent("clerk:jsmith", "archive.view", "V1"), None);

        var verification = await Backend.Verifier.VerifyAsync(null, None);

        verification.IsIntact.Should().BeTrue();
        verification.RecordsChecked.Should().Be(2);
        verification.BlobsChecked.Should().Be(2);
        verification.AuditEntriesChecked.Should().Be(1);
    }

    [Fact]
    public async Task A_message_altered_on_disk_is_named_by_record_and_hash()
    {
        await ArchiveAsync("V1", "one");
        var altered = await ArchiveAsync("V2", "two");
        await ArchiveAsync("V3", "three");
        await Factory.AlterBlobAsync(Directory.Path, altered.Sha256);

        var verification = await Backend.Verifier.VerifyAsync(null, None);

        verification.Problems.Should().ContainSingle().Which.Should().Be(new ArchiveProblem(ArchiveProblemKind.BlobAltered, "V2", altered.Sha256,
            $"the stored message {altered.Sha256} was altered: it no longer hashes to its name"));
    }

    [Fact]
    public async Task A_missing_message_is_named_for_every_record_that_shares_it()
    {
        var first = await ArchiveAsync("V1", "same");
        await Backend.Records.AddAsync([first with { Id = "V1-again" }], None);
        await Factory.RemoveBlobAsync(Directory.Path, first.Sha256);

        var verification = await Backend.Verifier.VerifyAsync(null, None);

        verification.Problems.Select(p => (p.Kind, p.Target)).Should().BeEquivalentTo(
            [(ArchiveProblemKind.BlobMissing, "V1"), (ArchiveProblemKind.BlobMissing, "V1-again")]);
        verification.BlobsChecked.Should().Be(1);
    }

    [Fact]
    public async Task Audit_entries_altered_and_removed_are_named_by_seq()
    {
        await ArchiveAsync("V1", "one");
        for (var i = 0; i < 6; i++)
            await Backend.Audit.AppendAsync(new AuditEvent("clerk:jsmith", "archive.view", "V1"), None);
        Backend.Dispose();
        await Factory.AlterAuditEntryAsync(Directory.Path, 2, "V9");
        await Factory.RemoveAuditEntryAsync(Directory.Path, 5);
        Reopen();

        var verification = await Backend.Verifier.VerifyAsync(null, None);

        verification.Problems.Select(p => (p.Kind, p.Target)).Should().Equal(
            (ArchiveProblemKind.AuditEntryAltered, "audit seq 2"),
            (ArchiveProblemKind.AuditEntryRemoved, "audit seq 5"));
    }
}
