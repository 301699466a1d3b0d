using MimeKit;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// Wraps an <see cref="OutgoingMessage"/> in a MimeMessage that MailKit writes as exactly the outgoing bytes.
/// The wrapper is parsed from a header block with no body separator, so MimeKit writes no blank line of its
/// own; its two Content-* headers only tell MailKit the body type (BODY=8BITMIME / BINARYMIME) and are hidden
/// from the output by <see cref="FormatOptions"/>. A unit test pins this byte for byte.
/// </summary>
public static class RawMimeMessage
{
    static readonly ParserOptions Parser = CreateParserOptions();

    public static MimeMessage Create(OutgoingMessage source)
    {
        var encoding = source.Envelope.Body switch
        {
            "binarymime" => "binary",
            "8bitmime" => "8bit",
            _ => "7bit",
        };
        var header = $"Content-Type: {RawMessageBody.MediaType}\r\nContent-Transfer-Encoding: {encoding}\r\n";
        using var stream = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(header));
        var message = new ExperimentalMimeParser(Parser, stream).ParseMessage() ?? throw new InvalidOperationException("wrapper header did not parse");
        if (message.Body is not RawMessageBody body)
            throw new InvalidOperationException("the wrapper's body did not parse as RawMessageBody");
        body.Source = source;
        return message;
    }

    /// <summary>The format options to send a wrapper with: canonical CRLF, wrapper headers hidden.</summary>
    public static FormatOptions CreateFormatOptions(bool international)
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        options.International = international;
        options.HiddenHeaders.Add(HeaderId.ContentType);
        options.HiddenHeaders.Add(HeaderId.ContentTransferEncoding);
        return options;
    }

    static ParserOptions CreateParserOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.RegisterMimeType(RawMessageBody.MediaType, typeof(RawMessageBody));
        return options;
    }
}
