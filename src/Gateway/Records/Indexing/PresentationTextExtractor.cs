using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using Drawing = DocumentFormat.OpenXml.Drawing;

namespace MailFilter.Gateway.Records.Indexing;

/// <summary>PowerPoint (.pptx, .pptm) text: each slide's text in slide order, then its speaker notes, up to the page limit in slides.</summary>
public sealed class PresentationTextExtractor : IAttachmentTextExtractor
{
    public bool Reads(string contentType, string fileName) =>
        contentType.StartsWith("application/vnd.openxmlformats-officedocument.presentationml", StringComparison.OrdinalIgnoreCase)
        || contentType.Equals("application/vnd.ms-powerpoint.presentation.macroenabled.12", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".pptx", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".pptm", StringComparison.OrdinalIgnoreCase);

    public AttachmentText Extract(ReadOnlyMemory<byte> content, AttachmentExtractionLimits limits, CancellationToken cancellationToken) =>
        OfficePackage.Read(content, "PowerPoint", stream =>
        {
            using var document = PresentationDocument.Open(stream, isEditable: false, OfficePackage.Settings(limits));
            var buffer = new ExtractedTextBuffer(limits);
            var presentation = document.PresentationPart;
            var slides = presentation?.Presentation?.SlideIdList?.Elements<SlideId>()
                .Select(id => id.RelationshipId?.Value is { } rel ? presentation.GetPartById(rel) as SlidePart : null)
                .OfType<SlidePart>().ToList() ?? [];
            var read = 0;
            foreach (var slide in slides.Take(limits.MaxPages))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (buffer.OutOfTime)
                    return new AttachmentText(buffer.ToString(), $"{buffer.TimeGap} (read {read} of {slides.Count} slides)");
                var texts = (slide.Slide?.Descendants<Drawing.Text>() ?? []).Concat(slide.NotesSlidePart?.NotesSlide?.Descendants<Drawing.Text>() ?? []);
                foreach (var text in texts)
                    if (!buffer.Append(text.Text))
                        return new AttachmentText(buffer.ToString(), buffer.LimitGap);
                read++;
            }
            return slides.Count > limits.MaxPages
                ? new AttachmentText(buffer.ToString(), $"over the limit of {limits.MaxPages} slides: slides {limits.MaxPages + 1} to {slides.Count} not indexed")
                : new AttachmentText(buffer.ToString(), null);
        });
}
