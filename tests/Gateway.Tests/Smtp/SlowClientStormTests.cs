using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;
using MimeKit;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>
/// A thousand clients on real sockets each sending one byte a second — half inside a command line, half inside
/// DATA — while a normal client sends a message. Bounded in time: the storm lasts at most <see cref="StormLimit"/>.
/// </summary>
public class SlowClientStormTests
{
    const int SlowClients = 1000;
    static readonly TimeSpan StormLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_thousand_clients_sending_a_byte_a_second_are_cut_off_and_a_normal_client_is_served_as_fast_as_without_them()
    {
        var receiver = new CountingReceiver();
        await using var host = await SmtpTestHost.StartAsync(receiver, new Dictionary<string, string?>
        {
            ["Smtp:CommandTimeout"] = "00:00:05",
            ["Smtp:MinDataRateGracePeriod"] = "00:00:05",
            // Smtp:MaxConnections (1000) would refuse the 1,001st connection by design; room for the normal client,
            // so the test measures what the slow clients cost, not the connection limit.
            ["Smtp:MaxConnections"] = "1100",
        });
        await SendOneAsync(host.EndPoint); // warms up MailKit and the server
        var usual = await SendOneAsync(host.EndPoint);

        var clients = new List<SlowClient>();
        for (var i = 0; i < SlowClients; i++)
            clients.Add(await SlowClient.ConnectAsync(host.EndPoint, insideData: i % 2 == 1));
        var storm = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(StormLimit);
        var trickle = TrickleAsync(clients, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var duringStorm = await SendOneAsync(host.EndPoint);
        var endings = await Task.WhenAll(clients.Select(client => client.ReadToEndAsync(stop.Token)));
        var cutOffAfter = storm.Elapsed;
        await stop.CancelAsync();
        await trickle;
        clients.ForEach(client => client.Dispose());

        duringStorm.Should().BeLessThan(usual + TimeSpan.FromSeconds(2), $"a normal message took {usual.TotalMilliseconds:0} ms without the storm");
        receiver.Completed.Should().Be(3, "only the normal client's messages were accepted");
        endings.Where((_, i) => i % 2 == 0).Should().AllSatisfy(ending => ending.Should().EndWith("421 4.4.2 Timeout exceeded, closing connection\r\n"));
        endings.Where((_, i) => i % 2 == 1).Should().AllSatisfy(ending => ending.Should().EndWith("421 4.4.2 Data transfer too slow, closing connection\r\n"));
        cutOffAfter.Should().BeLessThan(StormLimit, "every slow client is cut off soon after its 5 s allowance");
    }

    static async Task<TimeSpan> SendOneAsync(IPEndPoint endPoint)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("clerk@example.com"));
        message.To.Add(MailboxAddress.Parse("staff@example.org"));
        message.Subject = "Council meets at 7";
        message.Body = new TextPart("plain") { Text = "Agenda attached.\n" };
        var clock = Stopwatch.StartNew();
        using var client = new SmtpClient { Timeout = 60_000 };
        await client.ConnectAsync(endPoint.Address.ToString(), endPoint.Port, MailKit.Security.SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
        return clock.Elapsed;
    }

    /// <summary>One byte a second to every client still open.</summary>
    static async Task TrickleAsync(IReadOnlyList<SlowClient> clients, CancellationToken cancellationToken)
    {
        try
        {
            while (clients.Any(client => client.IsOpen))
            {
                foreach (var client in clients)
                    client.SendNextByte();
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The storm's time limit: the assertions say what was still open.
        }
    }

    sealed class SlowClient : IDisposable
    {
        const string Dribble = "Subject: this will take a while\r\n\r\n";
        readonly Socket socket;
        readonly byte[] next;
        int sent;

        SlowClient(Socket socket, byte[] next)
        {
            this.socket = socket;
            this.next = next;
        }

        public bool IsOpen { get; private set; } = true;

        /// <summary>Connected; a command client has sent nothing yet, a DATA client has pipelined up to DATA.</summary>
        public static async Task<SlowClient> ConnectAsync(IPEndPoint endPoint, bool insideData)
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endPoint);
            if (insideData)
                await socket.SendAsync(Encoding.ASCII.GetBytes("EHLO slow.example\r\nMAIL FROM:<slow@example.com>\r\nRCPT TO:<staff@example.org>\r\nDATA\r\n"));
            var text = insideData ? Dribble + new string('x', 200) : "EHLO " + new string('s', 200) + ".example\r\n";
            return new SlowClient(socket, Encoding.ASCII.GetBytes(text));
        }

        public void SendNextByte()
        {
            if (!IsOpen || sent == next.Length)
                return;
            try
            {
                socket.Send(next, sent++, 1, SocketFlags.None);
            }
            catch (SocketException)
            {
                IsOpen = false;
            }
        }

        /// <summary>Everything the server said until it closed the connection.</summary>
        public async Task<string> ReadToEndAsync(CancellationToken cancellationToken)
        {
            var all = new StringBuilder();
            var buffer = new byte[4096];
            try
            {
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
                    all.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                all.Append($"(not closed by the server: {e.GetType().Name})");
            }
            IsOpen = false;
            return all.ToString();
        }

        public void Dispose() => socket.Dispose();
    }
}
