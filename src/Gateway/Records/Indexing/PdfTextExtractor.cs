using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace MailFilter.Gateway.Records.Indexing;

/// <summary>
/// PDF text with PdfPig, page by page in content order, up to the page, text and time limits. A PDF that needs a password
/// is recorded as encrypted; one whose pages carry images and no letters as image-only (a scan: no text without OCR).
/// </summary>
public sealed class PdfTextExtractor : IAttachmentTextExtractor
{
    public bool Reads(string contentType, string fileName) =>
        contentType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);

    public AttachmentText Extract(ReadOnlyMemory<byte> content, AttachmentExtractionLimits limits, CancellationToken cancellationToken)
    {
        try
        {
            using var document = PdfDocument.Open(content.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            return Read(document, limits, cancellationToken);
        }
        catch (PdfDocumentEncryptedException)
        {
            return AttachmentText.Skipped("encrypted PDF (needs a password): not indexed");
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // A hostile or broken PDF makes PdfPig throw almost anything; for the index each means "could not be read",
            // recorded as the record's coverage gap — never a failed ingest.
            return AttachmentText.Skipped($"unreadable PDF ({e.GetType().Name}: {e.Message}): not indexed");
        }
    }

    static AttachmentText Read(PdfDocument document, AttachmentExtractionLimits limits, CancellationToken cancellationToken)
    {
        var buffer = new ExtractedTextBuffer(limits);
        var pages = document.NumberOfPages;
        var imagePages = 0;
        for (var number = 1; number <= Math.Min(pages, limits.MaxPages); number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (buffer.OutOfTime)
                return new AttachmentText(buffer.ToString(), $"{buffer.TimeGap} (read {number - 1} of {pages} pages)");
            var page = document.GetPage(number);
            if (page.Letters.Count == 0)
            {
                if (page.GetImages().Any())
                    imagePages++;
                continue;
            }
            if (!buffer.Append(ContentOrderTextExtractor.GetText(page)))
                return new AttachmentText(buffer.ToString(), buffer.LimitGap);
        }
        if (buffer.Length == 0 && imagePages > 0)
            return AttachmentText.Skipped("image-only PDF (a scan with no text layer): not indexed");
        if (pages > limits.MaxPages)
            return new AttachmentText(buffer.ToString(), $"over the limit of {limits.MaxPages} pages: pages {limits.MaxPages + 1} to {pages} not indexed");
        if (imagePages > 0)
            return new AttachmentText(buffer.ToString(), $"{imagePages} of {pages} pages are images only: their text not indexed");
        return new AttachmentText(buffer.ToString(), null);
    }
}
