using System.Text;
using MailFilter.Rules.Text;
using MimeKit;
using MimeKit.Tnef;

namespace MailFilter.Rules.Facts;

/// <summary>
/// Builds <see cref="MessageFacts"/> from a parsed message and its envelope: the one place where MIME becomes
/// facts, used by both <c>mailfilter scan</c> and the gateway. Reads the subject, every text part (HTML reduced
/// to visible text), text attachments, attached messages and TNEF (winmail.dat), within <see cref="ExtractionLimits"/>.
/// </summary>
public sealed class MessageFactsBuilder(DirectionResolver directions, ExtractionLimits? limits = null)
{
    readonly ExtractionLimits limits = limits ?? ExtractionLimits.Default;

    // Mail still arrives in legacy code pages (windows-1252, koi8-r, iso-2022-jp) and TNEF names its code
    // page; without the provider MimeKit cannot decode them.
    static MessageFactsBuilder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>MimeKit parser options that match these limits.</summary>
    public ParserOptions ParserOptions => new() { MaxMimeDepth = limits.MaxMimeDepth + 8 };

    public MessageFacts Build(MimeMessage message, MessageEnvelope? envelope, long sizeBytes)
    {
        var walk = new Walk(limits);
        walk.AddText(TextKind.Subject, "subject", message.Subject ?? "");
        if (message.Body is not null)
            walk.Visit(message.Body, 0, "body");

        var headerRecipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
            .Select(m => AddressText.Canonical(m.Address)).ToList();
        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? message.Sender?.Address ?? "";
        var mailFrom = AddressText.Canonical(envelope?.MailFrom is { Length: > 0 } given ? given : from);
        var recipients = envelope is { Recipients.Count: > 0 }
            ? envelope.Recipients.Select(AddressText.Canonical).ToList()
            : headerRecipients;
        var direction = envelope?.Direction ?? directions.Resolve(mailFrom, recipients, envelope?.Client);

        return new MessageFacts
        {
            MailFrom = mailFrom,
            Recipients = recipients,
            Direction = direction,
            Client = envelope?.Client,
            FromAddress = AddressText.Canonical(from),
            HeaderRecipients = headerRecipients,
            Headers = message.Headers.Select(h => new HeaderField(h)).ToList(),
            Subject = message.Subject ?? "",
            Texts = walk.Texts,
            Attachments = walk.Attachments,
            SizeBytes = sizeBytes,
            IncompleteReasons = walk.IncompleteReasons,
        };
    }

    /// <summary>Reads a message file or stream, skipping an mbox "From " line if the file starts with one.</summary>
    public MimeMessage Load(Stream stream, CancellationToken cancellationToken = default)
    {
        SkipMboxFromLine(stream);
        var parser = new MimeParser(ParserOptions, stream, persistent: stream.CanSeek);
        return parser.ParseMessage(cancellationToken);
    }

    /// <summary>Skips an mbox "From " line if a seekable stream starts with one.</summary>
    public static void SkipMboxFromLine(Stream stream)
    {
        if (!stream.CanSeek)
            return;
        var start = stream.Position;
        Span<byte> head = stackalloc byte[5];
        if (stream.ReadAtLeast(head, 5, throwOnEndOfStream: false) == 5 && head.SequenceEqual("From "u8))
        {
            int b;
            while ((b = stream.ReadByte()) >= 0 && b != '\n') { }
            return;
        }
        stream.Position = start;
    }

    sealed class Walk(ExtractionLimits limits)
    {
        int parts;
        long decodedBytes;

        public List<TextSource> Texts { get; } = [];

        public List<AttachmentFacts> Attachments { get; } = [];

        public List<string> IncompleteReasons { get; } = [];

        public void AddText(TextKind kind, string label, string text)
        {
            if (text.Length == 0)
                return;
            var remaining = limits.MaxDecodedBytes - decodedBytes;
            if (remaining <= 0)
            {
                Incomplete($"decoded text limit of {limits.MaxDecodedBytes} bytes reached at {label}");
                return;
            }
            if (text.Length * 2L > remaining)
            {
                Incomplete($"decoded text limit of {limits.MaxDecodedBytes} bytes reached at {label}");
                text = text[..(int)(remaining / 2)];
            }
            decodedBytes += text.Length * 2L;
            Texts.Add(new TextSource(kind, label, text));
        }

        public void Visit(MimeEntity entity, int depth, string label)
        {
            if (++parts > limits.MaxParts)
            {
                Incomplete($"more than {limits.MaxParts} MIME parts");
                return;
            }
            if (depth > limits.MaxMimeDepth)
            {
                Incomplete($"MIME nesting deeper than {limits.MaxMimeDepth} at {label}");
                return;
            }
            switch (entity)
            {
                case Multipart multipart:
                    foreach (var child in multipart)
                        Visit(child, depth + 1, label);
                    break;
                case MessagePart { Message: { } nested }:
                    var nestedLabel = $"{label} > attached message";
                    AddText(TextKind.Body, $"{nestedLabel} subject", nested.Subject ?? "");
                    if (nested.Body is not null)
                        Visit(nested.Body, depth + 1, nestedLabel);
                    break;
                case TnefPart tnef:
                    VisitTnef(tnef, depth, label);
                    break;
                case TextPart text:
                    VisitText(text, label);
                    break;
                case MimePart part:
                    var where = $"{label} > {Describe(part)}";
                    Attachments.Add(new AttachmentFacts(part.FileName ?? "", part.ContentType.MimeType.ToLowerInvariant(), EstimateSize(part), where));
                    if (IsTextFile(part))
                        VisitTextFile(part, $"{label} > attachment {Describe(part)}");
                    break;
            }
        }

        void VisitTnef(TnefPart tnef, int depth, string label)
        {
            try
            {
                foreach (var extracted in tnef.ExtractAttachments())
                    Visit(extracted, depth + 1, $"{label} > winmail.dat");
            }
            catch (Exception e) when (e is TnefException or FormatException or IOException or NotSupportedException or ArgumentException)
            {
                Incomplete($"unreadable TNEF part at {label}: {e.Message}");
            }
        }

        void VisitText(TextPart part, string label)
        {
            var isAttachment = part.IsAttachment;
            var where = isAttachment ? $"{label} > attachment {Describe(part)}" : $"{label} ({part.ContentType.MimeType.ToLowerInvariant()})";
            if (isAttachment)
                Attachments.Add(new AttachmentFacts(part.FileName ?? "", part.ContentType.MimeType.ToLowerInvariant(), EstimateSize(part), where));
            if (EstimateSize(part) > limits.MaxDecodedBytes - decodedBytes)
            {
                Incomplete($"decoded text limit of {limits.MaxDecodedBytes} bytes reached at {where}");
                return;
            }
            string text;
            try
            {
                text = part.Text ?? "";
            }
            catch (Exception e) when (e is FormatException or DecoderFallbackException or ArgumentException)
            {
                Incomplete($"undecodable text at {where}");
                return;
            }
            if (part.IsHtml)
                text = HtmlText.Extract(text);
            else if (!part.IsPlain && !part.ContentType.MimeType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
                return;
            AddText(isAttachment ? TextKind.Attachment : TextKind.Body, where, text);
        }

        /// <summary>A file that is text though not typed text/* (TNEF and many clients send .txt as octet-stream).</summary>
        static bool IsTextFile(MimePart part) =>
            part.ContentType.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase)
            || TextExtensions.Contains(Path.GetExtension(part.FileName ?? ""));

        static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".csv", ".log", ".md", ".htm", ".html" };

        void VisitTextFile(MimePart part, string where)
        {
            if (part.Content is null)
                return;
            if (EstimateSize(part) > limits.MaxDecodedBytes - decodedBytes)
            {
                Incomplete($"decoded text limit of {limits.MaxDecodedBytes} bytes reached at {where}");
                return;
            }
            using var reader = new StreamReader(part.Content.Open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var text = reader.ReadToEnd();
            var extension = Path.GetExtension(part.FileName ?? "");
            if (extension.StartsWith(".htm", StringComparison.OrdinalIgnoreCase))
                text = HtmlText.Extract(text);
            AddText(TextKind.Attachment, where, text);
        }

        void Incomplete(string reason)
        {
            if (IncompleteReasons.Count < 8 && !IncompleteReasons.Contains(reason))
                IncompleteReasons.Add(reason);
        }

        static string Describe(MimePart part) => part.FileName is { Length: > 0 } name ? name : part.ContentType.MimeType.ToLowerInvariant();

        static long EstimateSize(MimePart part)
        {
            var stream = part.Content?.Stream;
            if (stream is null || !stream.CanSeek)
                return 0;
            return part.ContentTransferEncoding switch
            {
                ContentEncoding.Base64 => stream.Length * 3 / 4,
                _ => stream.Length,
            };
        }
    }
}
