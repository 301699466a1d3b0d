using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;

namespace MailFilter.Bench.LoadGen;

/// <summary>
/// One connection to the sink. Deliberately literal: a line ends at LF; DATA ends only at a line "." CRLF
/// that follows a CRLF; one leading dot is removed from any line that has one. Everything else, bare LF
/// and bare CR included, is saved as it came, so the verifier sees what the client really sent.
/// </summary>
public sealed class SinkSession(TcpClient client, SinkStore store, bool chunking)
{
    const int MaxCommandOctets = 4096;
    const int FlushWithoutLineEndOctets = 64 * 1024;

    readonly NetworkStream _stream = client.GetStream();
    string? _mailFrom;
    readonly List<string> _recipients = [];
    (string Name, FileStream Stream, long Size)? _chunked;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var _ = client;
        var reader = PipeReader.Create(_stream);
        try
        {
            await ReplyAsync("220 bench-sink ESMTP", cancellationToken);
            while (true)
            {
                var line = await ReadCommandAsync(reader, cancellationToken);
                if (line is null) return;
                if (!await HandleAsync(line, reader, cancellationToken)) return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client went away or the sink is stopping; an unfinished message is not kept.
        }
        finally
        {
            if (_chunked is { } chunked)
            {
                await chunked.Stream.DisposeAsync();
                store.Abandon(chunked.Name);
            }

            await reader.CompleteAsync();
        }
    }

    async Task<bool> HandleAsync(string line, PipeReader reader, CancellationToken cancellationToken)
    {
        var verb = line.Split(' ', 2)[0].ToUpperInvariant();
        switch (verb)
        {
            case "EHLO":
                await ReplyAsync("250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-SIZE 209715200\r\n" +
                                 (chunking ? "250-CHUNKING\r\n" : "") + "250 ENHANCEDSTATUSCODES", cancellationToken);
                return true;
            case "HELO":
                await ReplyAsync("250 bench-sink", cancellationToken);
                return true;
            case "MAIL":
                _mailFrom = AddressOf(line);
                _recipients.Clear();
                await ReplyAsync("250 2.1.0 Ok", cancellationToken);
                return true;
            case "RCPT":
                if (_mailFrom is null)
                {
                    await ReplyAsync("503 5.5.1 Error: need MAIL command", cancellationToken);
                    return true;
                }

                _recipients.Add(AddressOf(line));
                await ReplyAsync("250 2.1.5 Ok", cancellationToken);
                return true;
            case "DATA":
                if (_recipients.Count == 0)
                {
                    await ReplyAsync("503 5.5.1 Error: need RCPT command", cancellationToken);
                    return true;
                }

                await ReplyAsync("354 End data with <CR><LF>.<CR><LF>", cancellationToken);
                return await ReadDataAsync(reader, cancellationToken);
            case "BDAT":
                return await ReadChunkAsync(line, reader, cancellationToken);
            case "RSET":
                _mailFrom = null;
                _recipients.Clear();
                await ReplyAsync("250 2.0.0 Ok", cancellationToken);
                return true;
            case "NOOP":
                await ReplyAsync("250 2.0.0 Ok", cancellationToken);
                return true;
            case "QUIT":
                await ReplyAsync("221 2.0.0 Bye", cancellationToken);
                return false;
            default:
                await ReplyAsync("502 5.5.2 Error: command not recognized", cancellationToken);
                return true;
        }
    }

    async Task<bool> ReadDataAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        var (name, file) = store.CreateMessageFile();
        long size = 0;
        var lineStart = true;
        var afterCrlf = true;
        await using (file)
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                while (true)
                {
                    var lf = buffer.PositionOf((byte)'\n');
                    if (lf is null)
                    {
                        if (buffer.Length > FlushWithoutLineEndOctets)
                        {
                            // A very long line: save what there is, it cannot be the terminator.
                            var part = lineStart && buffer.FirstSpan[0] == '.' ? buffer.Slice(1) : buffer;
                            size += Write(file, part);
                            lineStart = false;
                            afterCrlf = false;
                            buffer = buffer.Slice(buffer.End);
                        }

                        break;
                    }

                    var line = buffer.Slice(0, buffer.GetPosition(1, lf.Value));
                    buffer = buffer.Slice(line.End);
                    if (lineStart && afterCrlf && line.Length == 3 && IsDotCrlf(line))
                    {
                        reader.AdvanceTo(buffer.Start);
                        store.Commit(name, _mailFrom ?? "", _recipients, size);
                        _mailFrom = null;
                        _recipients.Clear();
                        await ReplyAsync($"250 2.0.0 Ok: saved as {name}", cancellationToken);
                        return true;
                    }

                    size += Write(file, lineStart && line.FirstSpan[0] == '.' ? line.Slice(1) : line);
                    afterCrlf = line.Length >= 2 && line.Slice(line.Length - 2, 1).FirstSpan[0] == '\r';
                    lineStart = true;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    store.Abandon(name);
                    return false;
                }
            }
        }
    }

    async Task<bool> ReadChunkAsync(string line, PipeReader reader, CancellationToken cancellationToken)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!chunking || parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var remaining))
        {
            await ReplyAsync("501 5.5.4 Error: bad BDAT", cancellationToken);
            return false;
        }

        var last = parts.Length > 2 && parts[2].Equals("LAST", StringComparison.OrdinalIgnoreCase);
        if (_chunked is null)
        {
            var (name, stream) = store.CreateMessageFile();
            _chunked = (name, stream, 0);
        }

        var (chunkName, chunkStream, chunkSize) = _chunked.Value;
        while (remaining > 0)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var take = result.Buffer.Slice(0, Math.Min(remaining, result.Buffer.Length));
            chunkSize += Write(chunkStream, take);
            remaining -= take.Length;
            reader.AdvanceTo(take.End);
            if (remaining > 0 && result.IsCompleted) return false;
        }

        _chunked = (chunkName, chunkStream, chunkSize);
        if (!last)
        {
            await ReplyAsync($"250 2.0.0 {parts[1]} octets received", cancellationToken);
            return true;
        }

        await chunkStream.DisposeAsync();
        _chunked = null;
        store.Commit(chunkName, _mailFrom ?? "", _recipients, chunkSize);
        _mailFrom = null;
        _recipients.Clear();
        await ReplyAsync($"250 2.0.0 Ok: saved as {chunkName}", cancellationToken);
        return true;
    }

    async Task<string?> ReadCommandAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var lf = buffer.PositionOf((byte)'\n');
            if (lf is not null)
            {
                var line = buffer.Slice(0, lf.Value);
                var text = Encoding.Latin1.GetString(line).TrimEnd('\r');
                reader.AdvanceTo(buffer.GetPosition(1, lf.Value));
                return text;
            }

            if (buffer.Length > MaxCommandOctets || result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    static bool IsDotCrlf(ReadOnlySequence<byte> line)
    {
        Span<byte> three = stackalloc byte[3];
        line.CopyTo(three);
        return three.SequenceEqual(".\r\n"u8);
    }

    static long Write(FileStream file, ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes) file.Write(segment.Span);
        return bytes.Length;
    }

    static string AddressOf(string command)
    {
        var open = command.IndexOf('<', StringComparison.Ordinal);
        var close = command.IndexOf('>', open + 1);
        return open >= 0 && close > open ? command[(open + 1)..close] : "";
    }

    Task ReplyAsync(string reply, CancellationToken cancellationToken) =>
        _stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), cancellationToken).AsTask();
}
