using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailFilter.Bench.LoadGen;

/// <summary>
/// A raw SMTP client connection: the bench writes pre-rendered bytes and reads replies, so the client's
/// own CPU cost per message is a few buffer copies, and "end of DATA sent" is a precise instant.
/// </summary>
public sealed class SmtpConnection : IAsyncDisposable
{
    const int MaxReplyLineOctets = 8192;

    readonly Socket _socket;
    readonly byte[] _buffer = new byte[16 * 1024];
    readonly TimeSpan _timeout;
    int _start;
    int _end;

    SmtpConnection(Socket socket, TimeSpan timeout)
    {
        _socket = socket;
        _timeout = timeout;
    }

    public IReadOnlySet<string> Extensions { get; private set; } = new HashSet<string>();

    /// <summary>Connects, reads the greeting and says EHLO. Throws when the server does not greet with 220 or refuses EHLO.</summary>
    public static async Task<SmtpConnection> OpenAsync(
        string host, int port, IPAddress? source, string heloName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var connection = new SmtpConnection(socket, timeout);
        try
        {
            if (source is not null) socket.Bind(new IPEndPoint(source, 0));
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connect.CancelAfter(timeout);
                await socket.ConnectAsync(IPAddress.Parse(host), port, connect.Token);
            }

            var greeting = await connection.ReadReplyAsync(cancellationToken);
            if (greeting.Code != 220) throw new SmtpBenchException(greeting, "greeting");

            await connection.SendAsync($"EHLO {heloName}\r\n", cancellationToken);
            var ehlo = await connection.ReadReplyAsync(cancellationToken);
            if (ehlo.Class != 2) throw new SmtpBenchException(ehlo, "EHLO");
            connection.Extensions = ehlo.Lines.Skip(1)
                .Select(line => line.Split(' ', 2)[0].ToUpperInvariant())
                .ToHashSet(StringComparer.Ordinal);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task SendAsync(string command, CancellationToken cancellationToken) =>
        SendAsync(Encoding.ASCII.GetBytes(command), cancellationToken);

    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Sends several buffers in order; each is written whole before the next.</summary>
    public async Task SendAsync(IReadOnlyList<ReadOnlyMemory<byte>> parts, CancellationToken cancellationToken)
    {
        foreach (var part in parts) await SendAsync(part, cancellationToken);
    }

    public async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var lines = new List<string>(1);
        while (true)
        {
            var line = await ReadLineAsync(timeout.Token);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                throw new IOException($"malformed reply line '{line}'");
            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ') return new SmtpReply(code, lines);
            if (line[3] != '-') throw new IOException($"malformed reply line '{line}'");
        }
    }

    async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                var length = lf - _start;
                if (length > 0 && _buffer[lf - 1] == '\r') length--;
                var line = Encoding.Latin1.GetString(_buffer, _start, length);
                _start = lf + 1;
                return line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end >= MaxReplyLineOctets) throw new IOException("reply line too long");
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
            if (read == 0) throw new IOException("connection closed by server");
            _end += read;
        }
    }

    /// <summary>Says QUIT and waits briefly for the 221; a server that has already gone is fine.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync("QUIT\r\n", cancellationToken);
            await ReadReplyAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The session is over either way; QUIT is a courtesy.
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
