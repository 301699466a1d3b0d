using MailFilter.Gateway.Records.Indexing;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>Each extractor reads its files, stops at its limits, and says why it read nothing or not all.</summary>
public sealed class AttachmentTextExtractorTests
{
    static readonly AttachmentExtractionLimits Limits = new();

    static AttachmentText Read(IAttachmentTextExtractor extractor, byte[] file, AttachmentExtractionLimits? limits = null) =>
        extractor.Extract(file, limits ?? Limits, CancellationToken.None);

    [Fact]
    public void A_pdf_gives_the_text_of_every_page()
    {
        var read = Read(new PdfTextExtractor(), TestDocuments.Pdf("Zoning board minutes", "Variance approved"));

        read.Gap.Should().BeNull();
        read.Text.Should().Contain("Zoning board minutes").And.Contain("Variance approved");
    }

    [Fact]
    public void A_pdf_over_the_page_limit_is_read_up_to_it_and_says_so()
    {
        var read = Read(new PdfTextExtractor(), TestDocuments.Pdf("first page", "second page", "third page"), new AttachmentExtractionLimits { MaxPages = 2 });

        read.Text.Should().Contain("second page").And.NotContain("third page");
        read.Gap.Should().Contain("2 pages").And.Contain("3 to 3");
    }

    [Fact]
    public void A_pdf_over_the_text_limit_is_cut_and_says_so()
    {
        var read = Read(new PdfTextExtractor(), TestDocuments.Pdf(new string('x', 200)), new AttachmentExtractionLimits { MaxTextChars = 50 });

        read.Text.Should().HaveLength(50);
        read.Gap.Should().Contain("50 characters");
    }

    [Fact]
    public void A_scanned_pdf_is_recorded_as_image_only()
    {
        var read = Read(new PdfTextExtractor(), TestDocuments.ImageOnlyPdf());

        read.Text.Should().BeEmpty();
        read.Gap.Should().Contain("image-only");
    }

    [Fact]
    public void A_password_protected_pdf_is_recorded_as_encrypted()
    {
        var read = Read(new PdfTextExtractor(), TestDocuments.PasswordProtectedPdf());

        read.Text.Should().BeEmpty();
        read.Gap.Should().Be("encrypted PDF (needs a password): not indexed");
    }

    [Fact]
    public void A_truncated_pdf_is_recorded_as_unreadable_not_thrown()
    {
        var pdf = TestDocuments.Pdf("some text");

        var read = Read(new PdfTextExtractor(), pdf[..(pdf.Length / 3)]);

        read.Gap.Should().NotBeNull();
    }

    [Fact]
    public void A_docx_gives_its_paragraphs()
    {
        var read = Read(new WordTextExtractor(), TestDocuments.Docx("Memorandum of understanding", "Signed by the mayor"));

        read.Gap.Should().BeNull();
        read.Text.Should().Contain("Memorandum of understanding").And.Contain("Signed by the mayor");
    }

    [Fact]
    public void An_xlsx_gives_its_sheet_names_and_cells()
    {
        var read = Read(new SpreadsheetTextExtractor(), TestDocuments.Xlsx("Road salt", "41250"));

        read.Gap.Should().BeNull();
        read.Text.Should().Contain("Ledger").And.Contain("Road salt").And.Contain("41250");
    }

    [Fact]
    public void A_pptx_gives_its_slides_in_order()
    {
        var read = Read(new PresentationTextExtractor(), TestDocuments.Pptx("Budget overview", "Capital projects"));

        read.Gap.Should().BeNull();
        read.Text.IndexOf("Budget overview", StringComparison.Ordinal).Should().BeLessThan(read.Text.IndexOf("Capital projects", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(typeof(WordTextExtractor))]
    [InlineData(typeof(SpreadsheetTextExtractor))]
    [InlineData(typeof(PresentationTextExtractor))]
    public void An_encrypted_office_file_is_recorded_as_encrypted(Type extractorType)
    {
        var read = Read((IAttachmentTextExtractor)Activator.CreateInstance(extractorType)!, TestDocuments.EncryptedOffice());

        read.Text.Should().BeEmpty();
        read.Gap.Should().Contain("encrypted");
    }

    [Fact]
    public void A_zip_that_is_not_a_document_is_recorded_as_unreadable()
    {
        var read = Read(new WordTextExtractor(), "PK\u0003\u0004 not really a zip"u8.ToArray());

        read.Gap.Should().Contain("unreadable Word file");
    }

    [Theory]
    [InlineData("application/pdf", "", typeof(PdfTextExtractor))]
    [InlineData("application/octet-stream", "Minutes.PDF", typeof(PdfTextExtractor))]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "", typeof(WordTextExtractor))]
    [InlineData("application/octet-stream", "ledger.xlsx", typeof(SpreadsheetTextExtractor))]
    [InlineData("application/vnd.openxmlformats-officedocument.presentationml.presentation", "", typeof(PresentationTextExtractor))]
    public void Files_are_recognised_by_type_or_name(string contentType, string fileName, Type expected)
    {
        IAttachmentTextExtractor[] extractors = [new PdfTextExtractor(), new WordTextExtractor(), new SpreadsheetTextExtractor(), new PresentationTextExtractor()];

        extractors.Where(e => e.Reads(contentType, fileName)).Should().ContainSingle().Which.Should().BeOfType(expected);
    }
}
