namespace MailFilter.Gateway.Records.Import;

/// <summary>
/// Where each message of an mbox file lies: a message starts at a line beginning "From " that opens the file or follows
/// an empty line (the mboxo/mboxrd "From_" line, which is part of no message). A file without such a first line is one
/// message.
/// </summary>
public static class MboxRanges
{
    /// <summary>The byte ranges of the messages, each starting at its "From " line.</summary>
    public static List<(long Start, long Length)> Find(Stream stream)
    {
        var ranges = new List<(long Start, long Length)>();
        var starts = new List<long>();
        var buffer = new byte[64 * 1024];
        long offset = 0;
        var atLineStart = true;
        var previousLineEmpty = true;
        var lineLength = 0;
        var matched = 0; // bytes of "From " matched at the current line start
        int read;
        stream.Position = 0;
        while ((read = stream.Read(buffer)) > 0)
        {
            for (var i = 0; i < read; i++, offset++)
            {
                var b = buffer[i];
                if (atLineStart)
                {
                    matched = 0;
                    lineLength = 0;
                    atLineStart = false;
                }
                if (lineLength == matched && matched < 5 && b == "From "u8[matched])
                {
                    matched++;
                    if (matched == 5 && previousLineEmpty)
                        starts.Add(offset - 4);
                }
                if (b == '\n')
                {
                    previousLineEmpty = lineLength == 0 || (lineLength == 1 && i > 0 && buffer[i - 1] == '\r');
                    atLineStart = true;
                    continue;
                }
                lineLength++;
            }
        }
        stream.Position = 0;
        if (starts.Count == 0 || starts[0] != 0)
            return [(0, stream.Length)];
        for (var i = 0; i < starts.Count; i++)
            ranges.Add((starts[i], (i + 1 < starts.Count ? starts[i + 1] : stream.Length) - starts[i]));
        return ranges;
    }
}
