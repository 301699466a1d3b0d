using DocumentFormat.OpenXml.Packaging;

namespace MailFilter.Gateway.Records.Indexing;

/// <summary>What the three Open XML extractors share: opening with limits, and telling an encrypted file from a broken one.</summary>
static class OfficePackage
{
    // An encrypted .docx/.xlsx/.pptx is not a zip but an OLE compound file (as are the old binary .doc/.xls/.ppt).
    static ReadOnlySpan<byte> CompoundFileSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static OpenSettings Settings(AttachmentExtractionLimits limits) =>
        new() { MaxCharactersInPart = Math.Max(limits.MaxTextChars * 20L, 10_000_000) };

    /// <summary>Runs <paramref name="read"/> on the file; an encrypted or unreadable file becomes a recorded gap.</summary>
    public static AttachmentText Read(ReadOnlyMemory<byte> content, string kind, Func<Stream, AttachmentText> read)
    {
        if (content.Span.StartsWith(CompoundFileSignature))
            return AttachmentText.Skipped($"encrypted (password-protected) or legacy binary {kind} file: not indexed");
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            return read(stream);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // A broken package (bad zip, bad XML, a part over MaxCharactersInPart) is a gap in the index, not a failed ingest.
            return AttachmentText.Skipped($"unreadable {kind} file ({e.GetType().Name}: {e.Message}): not indexed");
        }
    }
}
