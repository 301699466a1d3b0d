using System.IO.Pipelines;
using System.Net;
using System.Text;
using MailFilter.Gateway.Smtp;
using Microsoft.Extensions.Logging;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>
/// Runs one <see cref="SmtpSession"/> over an in-memory duplex pipe: the test plays the client with raw bytes.
/// Every wait has a generous safety timeout; no test depends on how long anything takes.
/// </summary>
internal sealed class SmtpSessionHarness : IAsyncDisposable
{
    static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(60);

    readonly Pipe _toServer;
    readonly Pipe _toClient;
    readonly CancellationTokenSource _stop = new();
    readonly StringBuilder _pending = new();

    SmtpSessionHarness(SmtpOptions options, IMessageReceiver receiver, IPAddress client, SmtpCertificateProvider? certificates, PipeOptions? toServerOptions, PipeOptions? toClientOptions, ILogger? logger)
    {
        _toServer = new Pipe(toServerOptions ?? PipeOptions.Default);
        _toClient = new Pipe(toClientOptions ?? PipeOptions.Default);
        Options = options;
        var services = SmtpSessionServices.Create(options, receiver, certificates, logger);
        var session = new SmtpSession(new DuplexPipe(_toServer.Reader, _toClient.Writer), SmtpSessionContext.For(new IPEndPoint(client, 40000)), services);
        Completion = Task.Run(() => session.RunAsync(_stop.Token));
    }

    public SmtpOptions Options { get; }

    /// <summary>The session's end.</summary>
    public Task Completion { get; }

    public static SmtpOptions DefaultOptions() => new() { ServerName = "mx.test", StartTls = false };

    public static SmtpSessionHarness Start(
        SmtpOptions? options = null, IMessageReceiver? receiver = null, IPAddress? client = null,
        SmtpCertificateProvider? certificates = null, PipeOptions? toServerOptions = null, ILogger? logger = null, PipeOptions? toClientOptions = null) =>
        new(options ?? DefaultOptions(), receiver ?? new RecordingReceiver(), client ?? IPAddress.Loopback, certificates, toServerOptions, toClientOptions, logger);

    /// <summary>Sends <paramref name="clientBytes"/> in one write (everything pipelined), closes, and returns all the server said.</summary>
    public static async Task<string> ExchangeAsync(string clientBytes, SmtpOptions? options = null, IMessageReceiver? receiver = null, IPAddress? client = null)
    {
        await using var harness = Start(options, receiver, client);
        await harness.SendAsync(clientBytes);
        await harness.CloseInputAsync();
        return await harness.ReadToEndAsync();
    }

    public async Task SendAsync(string text) => await SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        using var timeout = new CancellationTokenSource(SafetyTimeout);
        await _toServer.Writer.WriteAsync(bytes, timeout.Token);
    }

    public async Task CloseInputAsync() => await _toServer.Writer.CompleteAsync();

    /// <summary>Asks for a graceful stop, as the host does when it shuts down.</summary>
    public void RequestStop() => _stop.Cancel();

    /// <summary>The next reply line, without CRLF; null when the server closed.</summary>
    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(SafetyTimeout);
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 2);
                return text[..end];
            }
            var result = await _toClient.Reader.ReadAsync(timeout.Token);
            foreach (var segment in result.Buffer)
                _pending.Append(Encoding.UTF8.GetString(segment.Span));
            _toClient.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted && result.Buffer.IsEmpty)
                return _pending.Length > 0 ? Take() : null;
        }
    }

    /// <summary>The next whole reply (all lines of a multi-line one), lines joined with "\n".</summary>
    public async Task<string> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (await ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
                break;
        }
        return string.Join("\n", lines);
    }

    /// <summary>Everything the server sends until it closes the connection.</summary>
    public async Task<string> ReadToEndAsync()
    {
        var all = new StringBuilder();
        while (await ReadLineAsync() is { } line)
            all.Append(line).Append("\r\n");
        await Completion.WaitAsync(SafetyTimeout);
        return all.ToString();
    }

    string Take()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        try
        {
            await Completion.WaitAsync(SafetyTimeout);
        }
        finally
        {
            _stop.Dispose();
        }
    }

    sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
