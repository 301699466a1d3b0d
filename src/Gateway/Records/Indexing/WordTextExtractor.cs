using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MailFilter.Gateway.Records.Indexing;

/// <summary>Word (.docx, .docm) text: every paragraph of the body, then headers, footers, footnotes and comments.</summary>
public sealed class WordTextExtractor : IAttachmentTextExtractor
{
    public bool Reads(string contentType, string fileName) =>
        contentType.StartsWith("application/vnd.openxmlformats-officedocument.wordprocessingml", StringComparison.OrdinalIgnoreCase)
        || contentType.Equals("application/vnd.ms-word.document.macroenabled.12", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".docx", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".docm", StringComparison.OrdinalIgnoreCase);

    public AttachmentText Extract(ReadOnlyMemory<byte> content, AttachmentExtractionLimits limits, CancellationToken cancellationToken) =>
        OfficePackage.Read(content, "Word", stream =>
        {
            using var document = WordprocessingDocument.Open(stream, isEditable: false, OfficePackage.Settings(limits));
            var buffer = new ExtractedTextBuffer(limits);
            var main = document.MainDocumentPart;
            IEnumerable<DocumentFormat.OpenXml.OpenXmlElement?> roots =
            [
                main?.Document?.Body,
                .. main?.HeaderParts.Select(p => p.Header) ?? [],
                .. main?.FooterParts.Select(p => p.Footer) ?? [],
                main?.FootnotesPart?.Footnotes,
                main?.WordprocessingCommentsPart?.Comments,
            ];
            foreach (var root in roots)
            {
                foreach (var paragraph in root?.Descendants<Paragraph>() ?? [])
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (buffer.OutOfTime)
                        return new AttachmentText(buffer.ToString(), buffer.TimeGap);
                    if (!buffer.Append(paragraph.InnerText))
                        return new AttachmentText(buffer.ToString(), buffer.LimitGap);
                }
            }
            return new AttachmentText(buffer.ToString(), null);
        });
}
