namespace MailFilter.Gateway.Records.Indexing;

/// <summary>Reads the text of one kind of attached file for the search index, within limits, without throwing on bad input.</summary>
public interface IAttachmentTextExtractor
{
    /// <summary>Whether this extractor reads files of this MIME type or name (e.g. application/pdf, *.pdf).</summary>
    bool Reads(string contentType, string fileName);

    /// <summary>
    /// The file's text. A file that cannot be read (encrypted, image-only, malformed, over a limit) gives what could be
    /// read and the reason as <see cref="AttachmentText.Gap"/>; it never throws for the file's sake.
    /// </summary>
    AttachmentText Extract(ReadOnlyMemory<byte> content, AttachmentExtractionLimits limits, CancellationToken cancellationToken);
}
