using System.Text;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// A queued message as it leaves: the trace headers, then the stored bytes exactly as received (for a tagged
/// message, with the subject prefix spliced into its Subject header). The stored file is never changed.
/// </summary>
public sealed class OutgoingMessage
{
    const int MaxHeaderSectionBytes = 1024 * 1024;
    static readonly byte[] CrLf = "\r\n"u8.ToArray();

    readonly byte[] prepended;
    readonly long insertAt;
    readonly byte[] insertion;

    OutgoingMessage(QueueEnvelope envelope, Verdict verdict, StoredMessage stored, byte[] prepended, long insertAt, byte[] insertion)
    {
        Envelope = envelope;
        Verdict = verdict;
        Stored = stored;
        this.prepended = prepended;
        this.insertAt = insertAt;
        this.insertion = insertion;
    }

    public QueueEnvelope Envelope { get; }

    public Verdict Verdict { get; }

    /// <summary>The message bytes in the queue file.</summary>
    public StoredMessage Stored { get; }

    public string Id => Envelope.Id;

    public static OutgoingMessage Create(QueueEnvelope envelope, Verdict verdict, StoredMessage stored, string hostName, string tagSubjectPrefix)
    {
        var headers = TraceHeaders.Build(envelope, verdict, hostName);
        if (verdict.Action != VerdictAction.Tag || tagSubjectPrefix.Length == 0)
            return new OutgoingMessage(envelope, verdict, stored, headers, -1, []);

        var prefix = tagSubjectPrefix.Replace("{categories}", verdict.CategoryList, StringComparison.Ordinal);
        var subjectValueAt = FindSubjectValue(stored);
        if (subjectValueAt < 0)
            return new OutgoingMessage(envelope, verdict, stored, [.. headers, .. Encoding.UTF8.GetBytes($"Subject: {prefix}\r\n")], -1, []);
        return new OutgoingMessage(envelope, verdict, stored, headers, subjectValueAt, Encoding.UTF8.GetBytes(prefix + " "));
    }

    /// <summary>The size of what <see cref="WriteToAsync"/> writes, without a final new line added.</summary>
    public long SizeBytes => prepended.Length + insertion.Length + Stored.Length;

    public async Task WriteToAsync(Stream destination, bool ensureNewLine, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(prepended, cancellationToken);
        await using var source = OpenSource();
        var buffer = new byte[81920];
        long position = 0;
        var last = (byte)'\n';
        int read;
        while ((read = await source.ReadAsync(buffer.AsMemory(0, (int)ChunkEnd(position, buffer.Length)), cancellationToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            position += read;
            last = buffer[read - 1];
            if (position == insertAt)
                await destination.WriteAsync(insertion, cancellationToken);
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
        var last = (byte)'\n';
        int read;
        while ((read = source.Read(buffer, 0, (int)ChunkEnd(position, buffer.Length))) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            destination.Write(buffer, 0, read);
            position += read;
            last = buffer[read - 1];
            if (position == insertAt)
                destination.Write(insertion);
        }
        if (ensureNewLine && last != (byte)'\n')
            destination.Write(CrLf);
    }

    /// <summary>Reads stop exactly at the splice point so the insertion lands between two reads.</summary>
    long ChunkEnd(long position, int bufferLength) =>
        insertAt > position && insertAt - position < bufferLength ? insertAt - position : bufferLength;

    Stream OpenSource() => Stored.Open(FileOptions.SequentialScan | FileOptions.Asynchronous);

    /// <summary>The offset just after "Subject:" and its spaces in the top-level header section, or -1.</summary>
    static long FindSubjectValue(StoredMessage stored)
    {
        using var stream = stored.Open();
        var buffer = new byte[(int)Math.Min(stored.Length, MaxHeaderSectionBytes)];
        stream.ReadExactly(buffer);
        var lineStart = 0;
        while (lineStart < buffer.Length)
        {
            var lineEnd = Array.IndexOf(buffer, (byte)'\n', lineStart);
            if (lineEnd < 0)
                lineEnd = buffer.Length;
            var line = buffer.AsSpan(lineStart, lineEnd - lineStart).TrimEnd((byte)'\r');
            if (line.IsEmpty)
                return -1;
            if (line.Length >= 8 && Encoding.ASCII.GetString(line[..8]).Equals("Subject:", StringComparison.OrdinalIgnoreCase))
            {
                var at = lineStart + 8;
                while (at < buffer.Length && buffer[at] is (byte)' ' or (byte)'\t')
                    at++;
                return at;
            }
            lineStart = lineEnd + 1;
        }
        return -1;
    }
}
