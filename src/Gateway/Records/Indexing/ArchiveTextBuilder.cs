using MailFilter.Rules.Facts;
using MimeKit;
using MimeKit.Tnef;

namespace MailFilter.Gateway.Records.Indexing;

/// <summary>
/// The index text of a message: the texts the rules read (<see cref="MessageFacts.Texts"/> — subject, text parts, HTML
/// reduced to text, text attachments, attached messages; one extraction, not a second MIME text walker) plus the text
/// of attached PDF and Office files, read by the <see cref="IAttachmentTextExtractor"/>s within their limits. Whatever
/// could not be read — a limit the facts hit, an encrypted PDF, an image, a zip — becomes a <see cref="CoverageGap"/>.
/// </summary>
public sealed class ArchiveTextBuilder(IEnumerable<IAttachmentTextExtractor> extractors, AttachmentExtractionLimits limits)
{
    const int MaxAttachedMessageDepth = 8;
    readonly IReadOnlyList<IAttachmentTextExtractor> extractors = extractors.ToList();
    readonly AttachmentExtractionLimits limits = limits;

    public IndexedText Build(MimeMessage message, MessageFacts facts, ArchiveEnvelope envelope, CancellationToken cancellationToken)
    {
        var coverage = facts.IncompleteReasons.Select(reason => new CoverageGap("message", reason)).ToList();
        var attachments = facts.Texts.Where(t => t.Kind == TextKind.Attachment).Select(t => t.Text).ToList();
        var files = new FileWalk(this, coverage, attachments, cancellationToken);
        files.Visit(message, "", 0);

        var text = new ArchiveSearchText(
            Subject: facts.Subject,
            From: Join(Mailboxes(message.From).Concat(Mailboxes(message.Sender is null ? [] : [message.Sender])).Append(envelope.Sender)),
            To: Join(Mailboxes(message.To).Concat(Mailboxes(message.Cc)).Concat(Mailboxes(message.Bcc)).Concat(envelope.Recipients)),
            Body: Join(facts.Texts.Where(t => t.Kind == TextKind.Body).Select(t => t.Text)),
            Attachments: Join(attachments));
        return new IndexedText(text, coverage);
    }

    static IEnumerable<string> Mailboxes(IEnumerable<InternetAddress> addresses) =>
        addresses.OfType<MailboxAddress>().Select(m => string.IsNullOrWhiteSpace(m.Name) ? m.Address : $"{m.Name} {m.Address}");

    static string Join(IEnumerable<string> pieces) => string.Join("\n", pieces.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct());

    /// <summary>The attached files that are not text (text parts are the facts' work), in attached messages too.</summary>
    sealed class FileWalk(ArchiveTextBuilder builder, List<CoverageGap> coverage, List<string> texts, CancellationToken cancellationToken)
    {
        int filesRead;

        public void Visit(MimeMessage message, string prefix, int depth)
        {
            foreach (var part in message.BodyParts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (part)
                {
                    case MessagePart { Message: { } attached } when depth < MaxAttachedMessageDepth:
                        Visit(attached, $"{prefix}attached message > ", depth + 1);
                        break;
                    case TnefPart tnef:
                        coverage.Add(new CoverageGap($"{prefix}{Describe(tnef)}", "files inside winmail.dat (TNEF): only their text parts indexed"));
                        break;
                    case TextPart:
                        break;
                    case MimePart file:
                        ReadFile(file, prefix);
                        break;
                }
            }
        }

        void ReadFile(MimePart file, string prefix)
        {
            var label = $"{prefix}attachment {Describe(file)}";
            var type = file.ContentType.MimeType.ToLowerInvariant();
            var extractor = builder.extractors.FirstOrDefault(e => e.Reads(type, file.FileName ?? ""));
            if (extractor is null)
            {
                // An inline picture (a signature logo) is not a file anyone searches for; an attached one is a gap.
                if (file.IsAttachment || !type.StartsWith("image/", StringComparison.Ordinal))
                    coverage.Add(new CoverageGap(label, $"no text extraction for {type}: not indexed"));
                return;
            }
            if (++filesRead > builder.limits.MaxAttachments)
            {
                coverage.Add(new CoverageGap(label, $"more than {builder.limits.MaxAttachments} attached files: not indexed"));
                return;
            }
            var content = Decode(file, label);
            if (content is null)
                return;
            var read = extractor.Extract(content.Value, builder.limits, cancellationToken);
            if (read.Text.Length > 0)
                texts.Add(read.Text);
            if (read.Gap is not null)
                coverage.Add(new CoverageGap(label, read.Gap));
        }

        ReadOnlyMemory<byte>? Decode(MimePart file, string label)
        {
            if (file.Content is not { } content)
                return ReadOnlyMemory<byte>.Empty;
            var encoded = content.Stream is { CanSeek: true } stream ? stream.Length : 0;
            var estimate = file.ContentTransferEncoding == ContentEncoding.Base64 ? encoded * 3 / 4 : encoded;
            if (estimate > builder.limits.MaxAttachmentBytes)
            {
                coverage.Add(new CoverageGap(label, $"over the limit of {builder.limits.MaxAttachmentBytes} bytes: not indexed"));
                return null;
            }
            using var decoded = new MemoryStream();
            content.DecodeTo(decoded, cancellationToken);
            return decoded.GetBuffer().AsMemory(0, (int)decoded.Length);
        }

        static string Describe(MimePart part) => part.FileName is { Length: > 0 } name ? name : part.ContentType.MimeType.ToLowerInvariant();
    }
}
