using System.Text;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// A queued message as it leaves: the trace headers, then the stored bytes exactly as received (for a tagged
/// message, with the subject prefix spliced into every Subject header of the top-level header section). The
/// stored file is never changed.
/// </summary>
public sealed class OutgoingMessage
{
    const int MaxHeaderSectionBytes = 1024 * 1024;
    static readonly byte[] CrLf = "\r\n"u8.ToArray();

    readonly byte[] prepended;
    readonly IReadOnlyList<Splice> splices;

    OutgoingMessage(QueueEnvelope envelope, Verdict verdict, StoredMessage stored, byte[] prepended, IReadOnlyList<Splice> splices)
    {
        Envelope = envelope;
        Verdict = verdict;
        Stored = stored;
        this.prepended = prepended;
        this.splices = splices;
    }

    public QueueEnvelope Envelope { get; }

    public Verdict Verdict { get; }

    /// <summary>The message bytes in the queue file.</summary>
    public StoredMessage Stored { get; }

    public string Id => Envelope.Id;

    public static OutgoingMessage Create(QueueEnvelope envelope, Verdict verdict, StoredMessage stored, string hostName, string tagSubjectPrefix)
    {
        var headers = TraceHeaders.Build(envelope, verdict, hostName);
        // Mail that came with no header section at all (its first line is body text) gets the blank line that ends
        // the one the trace headers start, as Postfix adds it: the body must not be read as more header fields.
        var endOfAddedHeaders = HasHeaderSection(stored) ? [] : CrLf;
        if (verdict.Action != VerdictAction.Tag || tagSubjectPrefix.Length == 0)
            return new OutgoingMessage(envelope, verdict, stored, [.. headers, .. endOfAddedHeaders], []);

        var prefix = tagSubjectPrefix.Replace("{categories}", verdict.CategoryList, StringComparison.Ordinal);
        var subjects = endOfAddedHeaders.Length > 0 ? [] : FindSubjectValues(stored);
        if (subjects.Count == 0)
            return new OutgoingMessage(envelope, verdict, stored, [.. headers, .. Encoding.UTF8.GetBytes($"Subject: {prefix}\r\n"), .. endOfAddedHeaders], []);
        // A subject that is empty, or whose value starts on a folded next line, gets the prefix alone; a value
        // written straight after the colon ("Subject:x") gets the space the colon lacks.
        var splices = subjects
            .Select(subject => new Splice(subject.ValueAt, Encoding.UTF8.GetBytes(
                (subject.SpaceAfterColon ? "" : " ") + prefix + (subject.EmptyOnFirstLine ? "" : " "))))
            .ToList();
        return new OutgoingMessage(envelope, verdict, stored, headers, splices);
    }

    /// <summary>The size of what <see cref="WriteToAsync"/> writes, without a final new line added.</summary>
    public long SizeBytes => prepended.Length + splices.Sum(splice => (long)splice.Bytes.Length) + Stored.Length;

    public async Task WriteToAsync(Stream destination, bool ensureNewLine, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(prepended, cancellationToken);
        await using var source = OpenSource();
        var buffer = new byte[81920];
        long position = 0;
        var next = 0;
        var last = (byte)'\n';
        int read;
        while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkEnd(position, next, buffer.Length)), cancellationToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            position += read;
            last = buffer[read - 1];
            if (next < splices.Count && position == splices[next].At)
                await destination.WriteAsync(splices[next++].Bytes, cancellationToken);
        }
        if (ensureNewLine && last != (byte)'\n')
            await destination.WriteAsync(CrLf, cancellationToken);
    }

    public void WriteTo(Stream destination, bool ensureNewLine, CancellationToken cancellationToken)
    {
        destination.Write(prepended);
        using var source = OpenSource();
        var buffer = new byte[81920];
        long position = 0;
        var next = 0;
        var last = (byte)'\n';
        int read;
        while ((read = source.Read(buffer, 0, ChunkEnd(position, next, buffer.Length))) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            destination.Write(buffer, 0, read);
            position += read;
            last = buffer[read - 1];
            if (next < splices.Count && position == splices[next].At)
                destination.Write(splices[next++].Bytes);
        }
        if (ensureNewLine && last != (byte)'\n')
            destination.Write(CrLf);
    }

    /// <summary>Reads stop exactly at the next splice point so each insertion lands between two reads.</summary>
    int ChunkEnd(long position, int next, int bufferLength) =>
        next < splices.Count && splices[next].At - position < bufferLength ? (int)(splices[next].At - position) : bufferLength;

    Stream OpenSource() => Stored.Open(FileOptions.SequentialScan | FileOptions.Asynchronous);

    /// <summary>
    /// Whether the stored message starts with a header section: its first line is a header field ("name:", RFC 5322
    /// §3.6.8) or the empty line that ends an empty section. A first line of body text means it has none.
    /// </summary>
    static bool HasHeaderSection(StoredMessage stored)
    {
        using var stream = stored.Open();
        var buffer = new byte[(int)Math.Min(stored.Length, 1000)];
        stream.ReadExactly(buffer);
        var line = buffer.AsSpan();
        var end = line.IndexOf((byte)'\n');
        if (end >= 0)
            line = line[..end];
        line = line.TrimEnd((byte)'\r');
        if (line.IsEmpty)
            return buffer.Length > 0;
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
            return false;
        var name = line[..colon].TrimEnd(" \t"u8);
        foreach (var b in name)
            if (b is < 33 or > 126)
                return false;
        return !name.IsEmpty;
    }

    /// <summary>
    /// Every Subject field of the top-level header section ("Subject", optional white space, ":"): the offset where
    /// its value starts (after the colon and its spaces), in file order. A message may carry two, and readers
    /// differ on which they show, so each is tagged.
    /// </summary>
    static List<SubjectValue> FindSubjectValues(StoredMessage stored)
    {
        using var stream = stored.Open();
        var buffer = new byte[(int)Math.Min(stored.Length, MaxHeaderSectionBytes)];
        stream.ReadExactly(buffer);
        var found = new List<SubjectValue>();
        var lineStart = 0;
        while (lineStart < buffer.Length)
        {
            var lineEnd = Array.IndexOf(buffer, (byte)'\n', lineStart);
            if (lineEnd < 0)
                lineEnd = buffer.Length;
            var line = buffer.AsSpan(lineStart, lineEnd - lineStart).TrimEnd((byte)'\r');
            if (line.IsEmpty)
                break;
            if (SubjectColon(line) is { } colon)
            {
                var afterColon = lineStart + colon + 1;
                var at = afterColon;
                while (at < lineStart + line.Length && buffer[at] is (byte)' ' or (byte)'\t')
                    at++;
                found.Add(new SubjectValue(at, SpaceAfterColon: at > afterColon, EmptyOnFirstLine: at == lineStart + line.Length));
            }
            lineStart = lineEnd + 1;
        }
        return found;
    }

    /// <summary>The index of the colon when <paramref name="line"/> is a Subject field's first line, else null.</summary>
    static int? SubjectColon(ReadOnlySpan<byte> line)
    {
        if (line.Length < 8 || !System.Text.Ascii.EqualsIgnoreCase(line[..7], "Subject"u8))
            return null;
        var at = 7;
        while (at < line.Length && line[at] is (byte)' ' or (byte)'\t')
            at++;
        return at < line.Length && line[at] == ':' ? at : null;
    }

    readonly record struct Splice(long At, byte[] Bytes);

    readonly record struct SubjectValue(long ValueAt, bool SpaceAfterColon, bool EmptyOnFirstLine);
}
