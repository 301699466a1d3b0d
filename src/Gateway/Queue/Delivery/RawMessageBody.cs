using MimeKit;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// A MIME entity whose content is a whole stored message, written byte for byte: lets MailKit's SmtpClient
/// (which only sends MimeMessages) send the raw bytes without re-serialising them. See <see cref="RawMimeMessage"/>.
/// </summary>
public sealed class RawMessageBody : MimePart
{
    public const string MediaType = "application/x-mailfilter-raw";

    public RawMessageBody(MimeEntityConstructorArgs args) : base(args)
    {
    }

    public OutgoingMessage? Source { get; set; }

    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
        // The message leaves as it arrived: nothing is re-encoded.
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default) =>
        Required.WriteTo(stream, options.EnsureNewLine, cancellationToken);

    public override Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default) =>
        Required.WriteToAsync(stream, options.EnsureNewLine, cancellationToken);

    OutgoingMessage Required => Source ?? throw new InvalidOperationException("RawMessageBody has no source message");
}
