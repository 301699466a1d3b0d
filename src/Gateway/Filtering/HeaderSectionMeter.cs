namespace MailFilter.Gateway.Filtering;

/// <summary>
/// Counts the bytes of a message's header section as the message streams past, up to the blank line that ends it, and
/// says when the section outgrows its limit. MimeKit's header parsing grows faster than linearly with one huge folded
/// header (a 2 MB one costs about 20 s of CPU), so the section is measured before anything parses it.
/// </summary>
public sealed class HeaderSectionMeter(int maxBytes)
{
    long counted;
    byte previous;
    byte beforePrevious;

    /// <summary>True once the blank line ending the header section has been seen.</summary>
    public bool Ended { get; private set; }

    /// <summary>True when the header section grew past the limit before it ended.</summary>
    public bool Exceeded { get; private set; }

    public int MaxBytes => maxBytes;

    public void Observe(ReadOnlySpan<byte> content)
    {
        if (Ended || Exceeded)
            return;
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            // CRLF CRLF, or bare LF LF in mail that was not canonicalised.
            if (b == '\n' && (previous == '\n' || (previous == '\r' && beforePrevious == '\n')))
            {
                Ended = true;
                return;
            }
            beforePrevious = previous;
            previous = b;
            if (++counted > maxBytes)
            {
                Exceeded = true;
                return;
            }
        }
    }

    /// <summary>Measures the header section of a file from its start (for <c>scan</c>); the stream is left where it was.</summary>
    public static bool FitsWithin(Stream stream, int maxBytes)
    {
        var start = stream.Position;
        var meter = new HeaderSectionMeter(maxBytes);
        var buffer = new byte[64 * 1024];
        int read;
        while (!meter.Ended && !meter.Exceeded && (read = stream.Read(buffer)) > 0)
            meter.Observe(buffer.AsSpan(0, read));
        stream.Position = start;
        return !meter.Exceeded;
    }
}
