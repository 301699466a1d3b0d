using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>
/// A next hop that speaks just enough SMTP (EHLO, MAIL, RCPT, DATA, BDAT, RSET, NOOP, QUIT) and records the
/// transcript, so tests can see which commands the relay used and answer each recipient as they like.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource stop = new();
    readonly Task accepting;
    int connections;
    int waiting;

    public ScriptedSmtpServer(bool chunking = true)
    {
        Chunking = chunking;
        listener.Start();
        accepting = AcceptAsync();
    }

    public bool Chunking { get; }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref connections);

    /// <summary>The greeting; a 554 greeting refuses the whole connection.</summary>
    public string Greeting { get; set; } = "220 scripted.test ESMTP";

    /// <summary>The reply to each RCPT TO address; default 250.</summary>
    public Func<string, string> RcptReply { get; set; } = _ => "250 2.1.5 Ok";

    public ConcurrentQueue<string> Commands { get; } = new();

    public ConcurrentQueue<byte[]> Messages { get; } = new();

    /// <summary>Every message accepted, with the recipients accepted for it and when (Stopwatch ticks, just before the 250).</summary>
    public ConcurrentQueue<AcceptedMessage> Accepted { get; } = new();

    /// <summary>Awaited at the end of each message's data, before it is recorded and answered: a test can hold an attempt open here.</summary>
    public Func<Task> BeforeAcceptingMessage { get; set; } = () => Task.CompletedTask;

    /// <summary>Messages whose data has ended and that wait in <see cref="BeforeAcceptingMessage"/>.</summary>
    public int MessagesWaiting => Volatile.Read(ref waiting);

    async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new LineReader(stream);
        async Task Reply(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"));
        await Reply(Greeting);
        var content = new MemoryStream();
        var recipients = new List<string>();
        async Task AcceptAsync()
        {
            Interlocked.Increment(ref waiting);
            try
            {
                await BeforeAcceptingMessage();
            }
            finally
            {
                Interlocked.Decrement(ref waiting);
            }
            Messages.Enqueue(content.ToArray());
            Accepted.Enqueue(new AcceptedMessage(recipients.ToArray(), content.ToArray(), System.Diagnostics.Stopwatch.GetTimestamp()));
        }
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                Commands.Enqueue(line);
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await Reply("250-scripted.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n" + (Chunking ? "250-CHUNKING\r\n" : "") + "250 ENHANCEDSTATUSCODES");
                        break;
                    case "MAIL":
                        content.SetLength(0);
                        recipients.Clear();
                        await Reply("250 2.1.0 Ok");
                        break;
                    case "RCPT":
                        var address = line[(line.IndexOf('<') + 1)..line.IndexOf('>')];
                        var rcptReply = RcptReply(address);
                        if (rcptReply.StartsWith('2'))
                            recipients.Add(address);
                        await Reply(rcptReply);
                        break;
                    case "DATA":
                        await Reply("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync() is { } data && data != ".")
                            content.Write(Encoding.Latin1.GetBytes((data.StartsWith('.') ? data[1..] : data) + "\r\n"));
                        await AcceptAsync();
                        await Reply("250 2.0.0 Ok: queued");
                        break;
                    case "BDAT":
                        var parts = line.Split(' ');
                        content.Write(await reader.ReadBytesAsync(int.Parse(parts[1])));
                        if (parts.Length > 2)
                            await AcceptAsync();
                        await Reply("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        await Reply("221 2.0.0 Bye");
                        return;
                    default:
                        await Reply("250 2.0.0 Ok");
                        break;
                }
            }
        }
        catch (IOException)
        {
            // The client went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        await accepting;
    }

    sealed class LineReader(Stream stream)
    {
        readonly byte[] buffer = new byte[65536];
        int start, end;

        public async Task<string?> ReadLineAsync()
        {
            var line = new MemoryStream();
            while (true)
            {
                for (; start < end; start++)
                {
                    if (buffer[start] == '\n')
                    {
                        start++;
                        var bytes = line.ToArray();
                        return Encoding.Latin1.GetString(bytes, 0, bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length);
                    }
                    line.WriteByte(buffer[start]);
                }
                if (!await FillAsync())
                    return null;
            }
        }

        public async Task<byte[]> ReadBytesAsync(int count)
        {
            var result = new byte[count];
            var copied = 0;
            while (copied < count)
            {
                if (start == end && !await FillAsync())
                    throw new IOException("connection closed inside BDAT");
                var take = Math.Min(count - copied, end - start);
                Array.Copy(buffer, start, result, copied, take);
                start += take;
                copied += take;
            }
            return result;
        }

        async Task<bool> FillAsync()
        {
            start = 0;
            end = await stream.ReadAsync(buffer);
            return end > 0;
        }
    }
}
