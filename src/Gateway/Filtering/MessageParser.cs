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

    /// <summary>Parses from the stream's position; a file that starts with an mbox "From " line has it skipped.</summary>
    public async Task<MimeMessage> ParseAsync(Stream stream, CancellationToken cancellationToken)
    {
        MessageFactsBuilder.SkipMboxFromLine(stream);
        return await new MimeParser(parserOptions, stream, persistent: stream.CanSeek).ParseMessageAsync(cancellationToken);
    }

    /// <inheritdoc cref="ParseAsync"/>
    public MimeMessage Parse(Stream stream, CancellationToken cancellationToken)
    {
        MessageFactsBuilder.SkipMboxFromLine(stream);
        return new MimeParser(parserOptions, stream, persistent: stream.CanSeek).ParseMessage(cancellationToken);
    }

    static ParserOptions Create(FilteringOptions options)
    {
        var parser = ParserOptions.Default.Clone();
        parser.MaxMimeDepth = options.MaxMimeDepth;
        parser.MaxAddressGroupDepth = options.MaxAddressGroupDepth;
        return parser;
    }
}
