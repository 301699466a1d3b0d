using System.Net;
using System.Net.Sockets;

namespace MailFilter.Bench.LoadGen;

/// <summary>
/// <c>loadgen sink</c>: a next hop that keeps every message exactly as received (dot-unstuffed, nothing
/// added) as DIR/NNNNNNN.eml, and one line per message in DIR/index.tsv (file, MAIL FROM, RCPT TOs,
/// size), for the verifier. Offers PIPELINING, 8BITMIME, SMTPUTF8, and CHUNKING with --chunking.
/// Runs until --seconds pass or it is stopped.
/// </summary>
public sealed class SinkCommand
{
    public const string Usage = "sink --listen HOST:PORT --dir DIR [--chunking] [--seconds 600]";

    public static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var (host, port) = Arguments.ParseEndpoint(args.RequiredString("listen"));
        var directory = args.RequiredString("dir");
        var chunking = args.Flag("chunking");
        var lifetime = TimeSpan.FromSeconds(args.Int("seconds", 600));
        args.RejectUnknown();

        Directory.CreateDirectory(directory);
        var store = new SinkStore(directory);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(lifetime);

        var listener = new TcpListener(IPAddress.Parse(host), port);
        listener.Start(512);
        Console.WriteLine($"SINK listening on {host}:{port}, saving to {directory}{(chunking ? ", CHUNKING offered" : "")}");
        var sessions = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                client.NoDelay = true;
                sessions.Add(Task.Run(() => new SinkSession(client, store, chunking).RunAsync(stop.Token), stop.Token));
                sessions.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Time is up or the process is stopping.
        }
        finally
        {
            listener.Stop();
        }

        await Task.WhenAll(sessions.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        Console.WriteLine($"SINK saved={store.Count}");
        return 0;
    }
}
