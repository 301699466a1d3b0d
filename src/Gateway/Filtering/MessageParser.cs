using MailFilter.Rules.Facts;
using MimeKit;

namespace MailFilter.Gateway.Filtering;

/// <summary>
/// Parses a message as every judging path does, with the limits of <see cref="FilteringOptions"/>. Parsing from a seekable
/// stream is persistent: attachment bytes stay in the file instead of the heap.
/// </summary>
public sealed class MessageParser(IOptions<FilteringOptions> options)
{
    readonly ParserOptions parserOptions = Create(options.Value);

    /// <summary>
    /// Parses from the stream's position; a file that starts with an mbox "From " line has it skipped. A message with no
    /// header section at all — nothing, or body lines only — is read as an empty header section and that body, as
    /// Postfix takes it; only a seekable stream can be read again that way.
    /// </summary>
    public async Task<MimeMessage> ParseAsync(Stream stream, CancellationToken cancellationToken)
    {
        MessageFactsBuilder.SkipMboxFromLine(stream);
        var start = stream.CanSeek ? stream.Position : -1;
        try
        {
            return await new MimeParser(parserOptions, stream, persistent: stream.CanSeek).ParseMessageAsync(cancellationToken);
        }
        catch (FormatException) when (start >= 0)
        {
            stream.Position = start;
            return await new MimeParser(parserOptions, WithEmptyHeaderSection(stream), persistent: false).ParseMessageAsync(cancellationToken);
        }
    }

    /// <inheritdoc cref="ParseAsync"/>
    public MimeMessage Parse(Stream stream, CancellationToken cancellationToken)
    {
        MessageFactsBuilder.SkipMboxFromLine(stream);
        var start = stream.CanSeek ? stream.Position : -1;
        try
        {
            return new MimeParser(parserOptions, stream, persistent: stream.CanSeek).ParseMessage(cancellationToken);
        }
        catch (FormatException) when (start >= 0)
        {
            stream.Position = start;
            return new MimeParser(parserOptions, WithEmptyHeaderSection(stream), persistent: false).ParseMessage(cancellationToken);
        }
    }

    static Stream WithEmptyHeaderSection(Stream body)
    {
        var chained = new MimeKit.IO.ChainedStream();
        chained.Add(new MemoryStream("\r\n"u8.ToArray()), leaveOpen: false);
        chained.Add(body, leaveOpen: true);
        return chained;
    }

    static ParserOptions Create(FilteringOptions options)
    {
        var parser = ParserOptions.Default.Clone();
        parser.MaxMimeDepth = options.MaxMimeDepth;
        parser.MaxAddressGroupDepth = options.MaxAddressGroupDepth;
        return parser;
    }
}
