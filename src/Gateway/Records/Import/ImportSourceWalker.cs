using System.Globalization;

namespace MailFilter.Gateway.Records.Import;

/// <summary>
/// Finds the messages under the paths an import names, in order: a file is an mbox when it starts with "From " (each
/// message in turn, <see cref="MboxRanges"/>) or else one message (.eml, an MH file, a Maildir file); a folder with
/// <c>cur/</c> and <c>new/</c> is a Maildir (their files, then its Maildir++ subfolders <c>.Name/</c>; <c>tmp/</c> and
/// Dovecot's index files are not mail); any other folder is walked for files and Maildirs, names starting with a dot
/// skipped and links to folders not followed. Files are listed in name order, so an import runs the same way twice.
/// </summary>
public static class ImportSourceWalker
{
    /// <summary>The first path that is neither a file nor a folder, or null.</summary>
    public static string? FirstMissing(IEnumerable<string> paths) => paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));

    public static IEnumerable<ImportSource> Walk(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            var messages = Directory.Exists(full) ? FolderMessages(full) : FileMessages(full, maildirTime: false);
            foreach (var message in messages)
                yield return message;
        }
    }

    static IEnumerable<ImportSource> FolderMessages(string folder)
    {
        if (IsMaildir(folder))
        {
            foreach (var file in Files(Path.Combine(folder, "cur")).Concat(Files(Path.Combine(folder, "new"))))
                foreach (var message in FileMessages(file, maildirTime: true))
                    yield return message;
            foreach (var sub in Subfolders(folder).Where(d => Path.GetFileName(d).StartsWith('.') && IsMaildir(d)))
                foreach (var message in FolderMessages(sub))
                    yield return message;
            yield break;
        }
        foreach (var file in Files(folder))
            foreach (var message in FileMessages(file, maildirTime: false))
                yield return message;
        foreach (var sub in Subfolders(folder).Where(d => !Path.GetFileName(d).StartsWith('.')))
            foreach (var message in FolderMessages(sub))
                yield return message;
    }

    /// <summary>Subfolders in name order; a symbolic link to a folder is not followed (it could lead back up the tree).</summary>
    static IEnumerable<string> Subfolders(string folder) =>
        Directory.EnumerateDirectories(folder).Where(d => new DirectoryInfo(d).LinkTarget is null).Order(StringComparer.Ordinal);

    static bool IsMaildir(string folder) => Directory.Exists(Path.Combine(folder, "cur")) && Directory.Exists(Path.Combine(folder, "new"));

    static IEnumerable<string> Files(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)
        : [];

    static IEnumerable<ImportSource> FileMessages(string file, bool maildirTime)
    {
        var info = new FileInfo(file);
        var fileTime = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
        if (!StartsWithFromLine(file))
        {
            yield return new ImportSource(file, file, 0, info.Length, "", maildirTime && MaildirTime(file) is { } delivered ? delivered : fileTime);
            yield break;
        }
        List<(long Start, long Length)> ranges;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            ranges = MboxRanges.Find(stream);
        using var handle = File.OpenHandle(file);
        for (var i = 0; i < ranges.Count; i++)
        {
            var (start, length) = ranges[i];
            var (lineLength, sender, time) = ReadFromLine(handle, start, length);
            var contentLength = length - lineLength;
            contentLength -= SeparatorLength(handle, start + lineLength, contentLength);
            yield return new ImportSource(ranges.Count == 1 ? file : $"{file}#{i + 1}", file, start + lineLength, contentLength, sender, time ?? fileTime);
        }
    }

    static bool StartsWithFromLine(string file)
    {
        Span<byte> head = stackalloc byte[5];
        using var handle = File.OpenHandle(file);
        return RandomAccess.Read(handle, head, 0) == 5 && head.SequenceEqual("From "u8);
    }

    /// <summary>The "From " line's length (its line ending included), sender and time.</summary>
    static (long Length, string Sender, DateTimeOffset? Time) ReadFromLine(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long start, long rangeLength)
    {
        var buffer = new byte[(int)Math.Min(rangeLength, 4096)];
        var read = RandomAccess.Read(handle, buffer, start);
        var end = Array.IndexOf(buffer, (byte)'\n', 0, read);
        var length = end < 0 ? read : end + 1;
        var (sender, time) = MboxFromLine.Parse(buffer.AsSpan(0, length));
        return (length, sender, time);
    }

    /// <summary>The blank line an mbox writer puts after each message (LF or CRLF), which is not part of the message.</summary>
    static long SeparatorLength(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long start, long length)
    {
        Span<byte> tail = stackalloc byte[4];
        var take = (int)Math.Min(length, 4);
        if (take < 2 || RandomAccess.Read(handle, tail[..take], start + length - take) != take)
            return 0;
        tail = tail[..take];
        if (take == 4 && tail.SequenceEqual("\r\n\r\n"u8))
            return 2;
        return tail[^2..].SequenceEqual("\n\n"u8) ? 1 : 0;
    }

    /// <summary>A Maildir file name starts with its delivery time in Unix seconds (<c>1741014000.M1P2.host,S=…:2,S</c>).</summary>
    static DateTimeOffset? MaildirTime(string file)
    {
        var name = Path.GetFileName(file);
        var dot = name.IndexOf('.');
        return dot > 0 && long.TryParse(name[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253_402_300_800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }
}
