using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MailFilter.Gateway.Queue;

/// <summary>
/// One queue entry is one file: the message bytes exactly as received, then the envelope as JSON, then a fixed-size
/// footer line giving the JSON's length (<c>\nMailFilter-Envelope-Length: 0000000000001234\n</c>). The message is
/// spooled first and the envelope appended at commit, so a file without a valid footer was never acknowledged.
/// </summary>
public static class QueueFile
{
    const string FooterName = "\nMailFilter-Envelope-Length: ";
    const int LengthDigits = 16;
    public static readonly int FooterLength = FooterName.Length + LengthDigits + 1;

    /// <summary>Writes the envelope (stamped with the current format) and footer at the end of <paramref name="file"/> (positioned after the message).</summary>
    public static void AppendEnvelope(FileStream file, QueueEnvelope envelope)
    {
        envelope.Format = QueueEnvelope.CurrentFormat;
        var json = JsonSerializer.SerializeToUtf8Bytes(envelope, QueueJson.Indented);
        file.Write(json);
        file.Write(Encoding.ASCII.GetBytes(FooterName + json.Length.ToString("D" + LengthDigits, CultureInfo.InvariantCulture) + "\n"));
    }

    /// <summary>True when the file ends in a well-formed footer, i.e. its envelope was written (committed).</summary>
    public static bool HasFooter(string path)
    {
        using var file = OpenRead(path);
        return TryReadEnvelopeLength(file, out _);
    }

    /// <summary>Reads the envelope and locates the message; <see cref="InvalidDataException"/> when the file is not a whole entry.</summary>
    public static QueueEntry Read(string path)
    {
        using var file = OpenRead(path);
        var (envelope, messageLength) = ReadEnvelope(file);
        return new QueueEntry(envelope, new StoredMessage(path, messageLength));
    }

    /// <summary>
    /// Reads the envelope of an entry already open and says how long its message is (the message is the file's first
    /// bytes). For a reader that must see one version of an entry while its owner may rename or rewrite it: the open
    /// handle keeps the file it opened. <see cref="InvalidDataException"/> when the file is not a whole entry.
    /// </summary>
    public static (QueueEnvelope Envelope, long MessageLength) ReadEnvelope(FileStream file)
    {
        if (!TryReadEnvelopeLength(file, out var envelopeLength))
            throw new InvalidDataException("no envelope footer: the file is incomplete or not a queue file");
        var messageLength = file.Length - FooterLength - envelopeLength;
        var json = new byte[envelopeLength];
        file.Position = messageLength;
        file.ReadExactly(json);
        var envelope = JsonSerializer.Deserialize<QueueEnvelope>(json, QueueJson.Indented)
            ?? throw new InvalidDataException("the envelope is empty");
        if (envelope.Format > QueueEnvelope.CurrentFormat)
            throw new InvalidDataException($"envelope format {envelope.Format} is newer than this version of MailFilter reads ({QueueEnvelope.CurrentFormat})");
        return (envelope, messageLength);
    }

    static FileStream OpenRead(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);

    static bool TryReadEnvelopeLength(FileStream file, out int envelopeLength)
    {
        envelopeLength = 0;
        if (file.Length < FooterLength)
            return false;
        Span<byte> footer = stackalloc byte[FooterLength];
        file.Position = file.Length - FooterLength;
        file.ReadExactly(footer);
        var text = Encoding.ASCII.GetString(footer);
        return text.StartsWith(FooterName, StringComparison.Ordinal) && text[^1] == '\n'
            && int.TryParse(text.AsSpan(FooterName.Length, LengthDigits), NumberStyles.None, CultureInfo.InvariantCulture, out envelopeLength)
            && envelopeLength <= file.Length - FooterLength;
    }
}

/// <summary>What a queue file holds: the envelope (with the verdict) and where the message bytes are.</summary>
public sealed record QueueEntry(QueueEnvelope Envelope, StoredMessage Message);

/// <summary>The received bytes of a queue file: its first <see cref="Length"/> bytes, never rewritten.</summary>
public sealed record StoredMessage(string Path, long Length)
{
    /// <summary>A read-only stream over exactly the message bytes.</summary>
    public Stream Open(FileOptions options = FileOptions.None) =>
        new MimeKit.IO.BoundStream(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, options), 0, Length, leaveOpen: false);
}
