using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Blobs;
using MailFilter.Gateway.Records.Export;
using MailFilter.Gateway.Records.Import;
using MailFilter.Gateway.Tests.Cli;
using MailFilter.Gateway.Tests.Records.Export;
using Microsoft.Extensions.DependencyInjection;

namespace MailFilter.Gateway.Tests.Records.Import;

/// <summary>Import: every message kept byte for byte and found again, unreadable ones stored and listed, duplicates skipped.</summary>
public sealed class ArchiveImporterTests : IAsyncDisposable
{
    readonly TempDirectory data = new();
    readonly TempDirectory mail = new();
    readonly ServiceProvider services;

    public ArchiveImporterTests() => services = ArchiveServices.Open(data.Path);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        data.Dispose();
        mail.Dispose();
    }

    IRecordStore Records => services.GetRequiredService<IRecordStore>();

    Task<ImportResult> ImportAsync(params string[] paths) =>
        services.GetRequiredService<ArchiveImporter>().ImportAsync(new ImportRequest(paths, new ArchiveAccess("clerk1", "ORR-2025-007")), null, CancellationToken.None);

    async Task<List<string>> FindAsync(ArchiveQuery query) =>
        (await Records.SearchAsync(query, CancellationToken.None)).Hits.Select(h => h.Id).ToList();

    async Task<byte[]> StoredBytesAsync(string id)
    {
        var record = await Records.GetAsync(id, CancellationToken.None);
        await using var stored = await services.GetRequiredService<IMessageBlobStore>().OpenAsync(record!.Sha256, CancellationToken.None);
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        return copy.ToArray();
    }

    static string Id(string message) => ImportIds.For(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message))));

    [Fact]
    public async Task An_mbox_of_three_is_three_records_the_unreadable_one_stored_and_listed()
    {
        var mbox = mail.File("inbox.mbox", ImportFiles.Mbox);

        var result = await ImportAsync(mbox);

        result.Messages.Should().Be(3);
        result.Imported.Should().Be(3);
        result.Failed.Should().BeEmpty();
        var unreadable = result.Unparseable.Should().ContainSingle().Subject;
        unreadable.Id.Should().Be(Id(ImportFiles.Noise));
        unreadable.Source.Should().Be($"{mbox}#2");
        unreadable.Reason.Should().StartWith("not readable as a MIME message");
        (await StoredBytesAsync(unreadable.Id)).Should().Equal(Encoding.UTF8.GetBytes(ImportFiles.Noise), "kept byte for byte, without its From line and separator");
        (await FindAsync(new ArchiveQuery { From = "scanner@city.example" })).Should().Equal(unreadable.Id);
    }

    [Fact]
    public async Task Imported_mail_is_found_by_a_body_word_and_by_message_id_and_filed_under_its_date()
    {
        await ImportAsync(mail.File("inbox.mbox", ImportFiles.Mbox));

        (await FindAsync(new ArchiveQuery { Text = "zeppelin" })).Should().Equal(Id(ImportFiles.Minutes));
        (await FindAsync(new ArchiveQuery { MessageId = "<minutes-1@example.com>" })).Should().Equal(Id(ImportFiles.Minutes));
        (await FindAsync(new ArchiveQuery { Text = "deli" })).Should().Equal(Id(ImportFiles.Lunch));
        var minutes = await Records.GetAsync(Id(ImportFiles.Minutes), CancellationToken.None);
        minutes!.ReceivedAt.Should().Be(new DateTimeOffset(2025, 3, 3, 15, 0, 0, TimeSpan.Zero), "its Date header");
        minutes.Direction.Should().Be("unknown");
        minutes.Deliveries.Should().ContainSingle().Which.Should().Match<DeliveryEvent>(d => d.Outcome == "imported" && d.Reply.Contains("inbox.mbox#1") && d.Reply.Contains("ORR-2025-007"));
        (await Records.GetAsync(Id(ImportFiles.Lunch), CancellationToken.None))!.ReceivedAt.Should().Be(new DateTimeOffset(2025, 3, 5, 17, 30, 0, TimeSpan.Zero), "no Date header: its From line's time");
    }

    [Fact]
    public async Task A_maildir_is_its_cur_and_new_and_its_subfolders_not_tmp_nor_dovecots_files()
    {
        var maildir = Path.Combine(mail.Path, "Maildir");
        mail.File("Maildir/cur/1741014000.M1P1.host,S=120:2,S", ImportFiles.Walrus("cur1"));
        mail.File("Maildir/new/1741100400.M2P2.host", ImportFiles.Walrus("new1"));
        mail.File("Maildir/tmp/1741100500.M3P3.host", ImportFiles.Walrus("tmp1"));
        mail.File("Maildir/dovecot-uidlist", "3 V1741014000 N4\n");
        mail.File("Maildir/.Sent/cur/1741186800.M4P4.host:2,S", ImportFiles.Walrus("sent1"));
        Directory.CreateDirectory(Path.Combine(maildir, ".Sent", "new"));

        var result = await ImportAsync(maildir);

        result.Imported.Should().Be(3);
        result.Unparseable.Should().BeEmpty();
        (await FindAsync(new ArchiveQuery { Text = "walrus" })).Should().BeEquivalentTo([Id(ImportFiles.Walrus("cur1")), Id(ImportFiles.Walrus("new1")), Id(ImportFiles.Walrus("sent1"))]);
        (await Records.GetAsync(Id(ImportFiles.Walrus("new1")), CancellationToken.None))!.ReceivedAt
            .Should().Be(DateTimeOffset.FromUnixTimeSeconds(1741100400), "no Date header: the delivery time in its Maildir name");
        (await StoredBytesAsync(Id(ImportFiles.Walrus("cur1")))).Should().Equal(Encoding.UTF8.GetBytes(ImportFiles.Walrus("cur1")));
    }

    [Fact]
    public async Task Bytes_already_imported_or_repeated_in_one_import_are_skipped_as_duplicates()
    {
        var mbox = mail.File("inbox.mbox", ImportFiles.Mbox);
        mail.File("eml/minutes.eml", ImportFiles.Minutes);
        mail.File("eml/minutes-copy.eml", ImportFiles.Minutes);
        mail.File("eml/gateway-copy.eml", ArchiveSeed.PotholeMessage);
        await ImportAsync(mbox);

        var again = await ImportAsync(mbox, Path.Combine(mail.Path, "eml"));

        again.Messages.Should().Be(6);
        again.Imported.Should().Be(1, "only the pothole message is new");
        again.Duplicates.Should().Be(5, "three from the first import, the minutes in the folder, and its copy");
        (await Records.CountAsync(CancellationToken.None)).Should().Be(4);
    }

    [Fact]
    public async Task Repeats_across_batches_written_at_the_same_time_are_stored_once()
    {
        // 2,500 messages in batches of 1,000, which overlap in the pipeline: the second batch opens with 500 repeats of
        // the first, most likely still being written when the second is prepared.
        var mbox = new StringBuilder();
        for (var i = 0; i < 2_500; i++)
            mbox.Append("From a@example.com Mon Mar  3 15:00:00 2025\n").Append(ImportFiles.Walrus($"n{(i < 1_000 ? i : i < 1_500 ? i - 1_000 : i - 500)}").Replace("\r\n", "\n")).Append('\n');

        var result = await ImportAsync(mail.File("big.mbox", mbox.ToString()));

        result.Messages.Should().Be(2_500);
        result.Imported.Should().Be(2_000);
        result.Duplicates.Should().Be(500);
        (await Records.CountAsync(CancellationToken.None)).Should().Be(2_000);
        (await FindAsync(new ArchiveQuery { MessageId = "n1999@example.com" })).Should().ContainSingle();
    }

    [Fact]
    public async Task A_blob_a_crash_left_without_its_record_is_imported_not_taken_for_a_duplicate()
    {
        await services.GetRequiredService<IMessageBlobStore>().PutAsync(new MemoryStream(Encoding.UTF8.GetBytes(ImportFiles.Lunch)), null, CancellationToken.None);
        mail.File("eml/lunch.eml", ImportFiles.Lunch);

        var result = await ImportAsync(Path.Combine(mail.Path, "eml"));

        result.Imported.Should().Be(1);
        (await FindAsync(new ArchiveQuery { Text = "deli" })).Should().Equal(Id(ImportFiles.Lunch));
    }

    [Fact]
    public async Task Mail_the_gateway_archived_is_not_imported_again()
    {
        using var seed = await ArchiveSeed.CreateAsync();
        await using var seeded = ArchiveServices.Open(seed.DataDirectory);
        mail.File("eml/complaint.eml", ArchiveSeed.ComplaintMessage);

        var result = await seeded.GetRequiredService<ArchiveImporter>().ImportAsync(
            new ImportRequest([Path.Combine(mail.Path, "eml")], new ArchiveAccess("clerk1")), null, CancellationToken.None);

        result.Imported.Should().Be(0);
        result.Duplicates.Should().Be(1);
        (await seeded.GetRequiredService<IRecordStore>().CountAsync(CancellationToken.None)).Should().Be(3);
    }

    [Fact]
    public async Task An_export_of_imported_mail_holds_the_bytes_as_imported_and_verifies()
    {
        await ImportAsync(mail.File("inbox.mbox", ImportFiles.Mbox));
        var package = Path.Combine(mail.Path, "out.zip");

        var export = await services.GetRequiredService<ArchiveExporter>().ExportAsync(
            new ExportRequest(new ArchiveQuery(), new ArchiveAccess("clerk1", "ORR-2025-007"), package), CancellationToken.None);

        export.Count.Should().Be(3);
        using var zip = ZipFile.OpenRead(package);
        byte[] Read(string name)
        {
            using var stream = zip.GetEntry(name)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        var manifest = ManifestCsv.Read(Read("manifest.csv"));
        manifest.Select(r => Encoding.UTF8.GetString(Read(r["file"]))).Should().BeEquivalentTo([ImportFiles.Minutes, ImportFiles.Noise, ImportFiles.Lunch]);
        manifest.Select(r => Convert.ToHexStringLower(SHA256.HashData(Read(r["file"])))).Should().Equal(manifest.Select(r => r["sha256"]));
        (await services.GetRequiredService<ArchiveVerifier>().VerifyAsync(new AuditHead(export.AuditEntry.Seq, export.AuditEntry.Hash), CancellationToken.None))
            .IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task The_import_is_one_audit_entry_with_the_matter_and_the_counts()
    {
        var result = await ImportAsync(mail.File("inbox.mbox", ImportFiles.Mbox));

        var entry = (await services.GetRequiredService<IAuditLog>().ListAsync(new AuditListQuery(), CancellationToken.None)).Should().ContainSingle().Subject;
        entry.Should().Be(result.AuditEntry);
        entry.Action.Should().Be("archive.import");
        entry.Actor.Should().Be("clerk1");
        entry.Target.Should().Be("ORR-2025-007");
        var details = JsonDocument.Parse(entry.Details).RootElement;
        details.GetProperty("imported").GetInt64().Should().Be(3);
        details.GetProperty("unparseableIds")[0].GetString().Should().Be(Id(ImportFiles.Noise));
    }

    [Fact]
    public async Task A_path_that_does_not_exist_stops_the_import_before_it_starts()
    {
        var act = () => ImportAsync(mail.File("inbox.mbox", ImportFiles.Mbox), Path.Combine(mail.Path, "no-such-folder"));

        (await act.Should().ThrowAsync<ArchiveImportException>()).Which.Message.Should().Be($"no such file or folder: {Path.Combine(mail.Path, "no-such-folder")}");
        (await services.GetRequiredService<IAuditLog>().HeadAsync(CancellationToken.None)).Seq.Should().Be(0);
    }

    [Fact]
    public async Task An_mbox_with_crlf_lines_keeps_each_message_without_the_separator()
    {
        var crlf = "From a@example.com Mon Mar  3 15:00:00 2025\r\n" + ImportFiles.Walrus("one") + "\r\n"
                   + "From a@example.com Mon Mar  3 16:00:00 2025\r\n" + ImportFiles.Walrus("two");
        await ImportAsync(mail.File("crlf.mbox", crlf));

        (await StoredBytesAsync(Id(ImportFiles.Walrus("one")))).Should().Equal(Encoding.UTF8.GetBytes(ImportFiles.Walrus("one")));
        (await StoredBytesAsync(Id(ImportFiles.Walrus("two")))).Should().Equal(Encoding.UTF8.GetBytes(ImportFiles.Walrus("two")));
    }

    [Fact]
    public void Import_ids_cannot_be_queue_ids()
    {
        var id = ImportIds.For(new string('a', 64));

        id.Should().Be("imp-aaaaaaaaaaaaaaaaaaaa");
        MailFilter.Gateway.Queue.QueueId.IsValid(id).Should().BeFalse();
        MailFilter.Gateway.Queue.QueueId.IsValid(ImportIds.Full(new string('a', 64))).Should().BeFalse();
    }
}
