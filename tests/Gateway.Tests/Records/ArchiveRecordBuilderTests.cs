using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Indexing;
using MailFilter.Gateway.Records.Sqlite;
using MailFilter.Gateway.Verdicts;
using MimeKit;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>From a parsed message to a searchable record: headers, verdict fields, body and attachment text, coverage gaps.</summary>
public sealed class ArchiveRecordBuilderTests : IDisposable
{
    readonly RecordsTempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    static readonly ArchiveRecordBuilder Builder = new(new ArchiveTextBuilder(
        [new PdfTextExtractor(), new WordTextExtractor(), new SpreadsheetTextExtractor(), new PresentationTextExtractor()],
        new AttachmentExtractionLimits()));

    static MimeMessage Message()
    {
        var body = new BodyBuilder
        {
            TextBody = "Please see the attached minutes.",
            HtmlBody = "<p>Please see the <b>attached</b> minutes and the <i>ordinance</i>.</p>",
        };
        body.Attachments.Add("minutes.pdf", TestDocuments.Pdf("The zoning board approved the variance"), new ContentType("application", "pdf"));
        body.Attachments.Add("memo.docx", TestDocuments.Docx("Memorandum on snow removal"));
        body.Attachments.Add("scan.pdf", TestDocuments.ImageOnlyPdf(), new ContentType("application", "pdf"));
        body.Attachments.Add("photos.zip", [0x50, 0x4B, 0x05, 0x06, .. new byte[18]], new ContentType("application", "zip"));
        var forwarded = new MimeMessage { Subject = "Original complaint" };
        forwarded.Body = new TextPart("plain") { Text = "The streetlight on Elm is out." };
        body.Attachments.Add(new MessagePart { Message = forwarded });

        var message = new MimeMessage { Subject = "Council minutes — März", MessageId = "minutes-17@example.gov", Date = new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(-6)) };
        message.From.Add(new MailboxAddress("Clerk Jones", "clerk@example.gov"));
        message.To.Add(new MailboxAddress("Council", "council@example.gov"));
        message.Cc.Add(MailboxAddress.Parse("press@news.example"));
        message.Body = body.ToMessageBody();
        return message;
    }

    static readonly ArchiveSubmission Submission = new(
        "01JNQ0000000TEST", TestRecords.Monday, new ArchiveEnvelope("192.0.2.7", "mail.example.gov", "clerk@example.gov", ["council@example.gov", "bcc-archive@example.gov"]),
        4096, new string('a', 64),
        new Verdict
        {
            Action = VerdictAction.Tag, Direction = "outbound", Categories = ["profanity"], RulesVersion = "3f2a9c0b41de",
            External = [new ExternalScore("classifier.harassment", 0.12, "harassment-2", [], [])],
        });

    [Fact]
    public void The_record_carries_the_headers_and_the_verdict_fields()
    {
        var record = Builder.Build(Submission, Message(), CancellationToken.None);

        record.Headers.Should().BeEquivalentTo(new ArchiveHeaders
        {
            From = "\"Clerk Jones\" <clerk@example.gov>",
            To = ["\"Council\" <council@example.gov>"],
            Cc = ["press@news.example"],
            Subject = "Council minutes — März",
            Date = new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(-6)),
            MessageId = "minutes-17@example.gov",
        });
        record.Action.Should().Be(VerdictAction.Tag);
        record.Direction.Should().Be("outbound");
        record.Categories.Should().Equal("profanity");
        record.RulesVersion.Should().Be("3f2a9c0b41de");
        record.ModelVersions.Should().Equal("harassment-2");
    }

    [Fact]
    public void The_index_text_holds_body_attachments_and_every_address()
    {
        var text = Builder.Build(Submission, Message(), CancellationToken.None).SearchText;

        text.Body.Should().Contain("attached minutes").And.Contain("ordinance").And.Contain("streetlight on Elm");
        text.Attachments.Should().Contain("approved the variance").And.Contain("snow removal");
        text.From.Should().Contain("Clerk Jones").And.Contain("clerk@example.gov");
        text.To.Should().Contain("press@news.example").And.Contain("bcc-archive@example.gov");
    }

    [Fact]
    public void What_could_not_be_read_is_recorded_per_file()
    {
        var coverage = Builder.Build(Submission, Message(), CancellationToken.None).Coverage;

        coverage.Should().BeEquivalentTo(
        [
            new CoverageGap("attachment scan.pdf", "image-only PDF (a scan with no text layer): not indexed"),
            new CoverageGap("attachment photos.zip", "no text extraction for application/zip: not indexed"),
        ]);
    }

    [Fact]
    public void An_attachment_over_the_size_limit_is_not_decoded()
    {
        var builder = new ArchiveRecordBuilder(new ArchiveTextBuilder([new PdfTextExtractor(), new WordTextExtractor()], new AttachmentExtractionLimits { MaxAttachmentBytes = 100 }));

        var record = builder.Build(Submission, Message(), CancellationToken.None);

        record.SearchText.Attachments.Should().NotContain("variance");
        record.Coverage.Should().Contain(g => g.Part == "attachment minutes.pdf" && g.Reason.Contains("100 bytes"));
    }

    [Fact]
    public async Task A_built_record_is_found_by_words_of_its_attachments_and_body()
    {
        using var database = new SqliteArchiveDatabase(Path.Combine(directory.Path, "records.db"));
        var store = new SqliteRecordStore(database, TimeProvider.System);
        await store.AddAsync([Builder.Build(Submission, Message(), CancellationToken.None)], CancellationToken.None);

        foreach (var words in new[] { "variance", "\"snow removal\"", "streetlight", "marz", "bcc-archive@example.gov" })
            (await store.SearchAsync(new ArchiveQuery { Text = words }, CancellationToken.None)).Hits.Should().ContainSingle(words);
        (await store.GetAsync(Submission.Id, CancellationToken.None))!.Coverage.Should().HaveCount(2);
    }
}
