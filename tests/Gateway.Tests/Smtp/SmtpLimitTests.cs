using System.IO.Pipelines;
using System.Text;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>Limits and timeouts: the attacks each option stops.</summary>
public class SmtpLimitTests
{
    [Fact]
    public async Task Command_line_longer_than_limit_is_rejected_without_unbounded_buffering()
    {
        // The client's pipe holds at most 4 KiB unread: a server that buffered the long line until its LF
        // would stop reading, and this 1 MiB write would never finish.
        var smallPipe = new PipeOptions(pauseWriterThreshold: 4096, resumeWriterThreshold: 2048);
        await using var harness = SmtpSessionHarness.Start(toServerOptions: smallPipe);
        (await harness.ReadReplyAsync()).Should().StartWith("220");

        await harness.SendAsync("NOOP " + new string('a', 1024 * 1024) + "\r\nNOOP\r\n");

        (await harness.ReadReplyAsync()).Should().StartWith("500 5.5.2");
        (await harness.ReadReplyAsync()).Should().StartWith("250 2.0.0");
    }

    [Fact]
    public async Task Command_line_of_exactly_the_limit_is_accepted()
    {
        var line = "NOOP " + new string('a', 512 - 7);

        var codes = SmtpExpect.Codes(await SmtpSessionHarness.ExchangeAsync(line + "\r\n" + line + "a\r\n"));

        codes.Should().Equal("220", "250 2.0.0", "500 5.5.2");
    }

    [Fact]
    public async Task Idle_client_gets_421_timeout()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.CommandTimeout = TimeSpan.FromSeconds(1);
        await using var harness = SmtpSessionHarness.Start(options);

        var transcript = await harness.ReadToEndAsync();

        SmtpExpect.Codes(transcript).Should().Equal("220", "421 4.4.2");
    }

    [Fact]
    public async Task Session_over_its_time_limit_gets_421()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.SessionTimeout = TimeSpan.FromSeconds(1);
        await using var harness = SmtpSessionHarness.Start(options);

        var transcript = await harness.ReadToEndAsync();

        transcript.Should().EndWith("421 4.4.2 Session time limit exceeded, closing connection\r\n");
    }

    [Fact]
    public async Task Connections_over_the_total_limit_get_421()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.MaxConnections = 2;
        var limiter = new SmtpConnectionLimiter(options, new SmtpRelayPolicy(options));
        var client = System.Net.IPAddress.Loopback;

        limiter.TryAcquire(client, out _).Should().BeTrue();
        limiter.TryAcquire(client, out _).Should().BeTrue();
        limiter.TryAcquire(client, out var refusal).Should().BeFalse();
        refusal.ToString().Should().StartWith("421 4.3.2");
        limiter.Release(client);
        limiter.TryAcquire(client, out _).Should().BeTrue();
    }

    [Fact]
    public void Per_client_limit_spares_trusted_networks_and_frees_slots()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.MaxConnectionsPerClientAddress = 1;
        var limiter = new SmtpConnectionLimiter(options, new SmtpRelayPolicy(options));
        var outsider = System.Net.IPAddress.Parse("198.51.100.7");

        limiter.TryAcquire(System.Net.IPAddress.Loopback, out _).Should().BeTrue();
        limiter.TryAcquire(System.Net.IPAddress.Loopback, out _).Should().BeTrue("trusted networks are exempt");
        limiter.TryAcquire(outsider, out _).Should().BeTrue();
        limiter.TryAcquire(outsider, out var refusal).Should().BeFalse();
        refusal.ToString().Should().StartWith("421 4.7.0");
        limiter.Release(outsider);
        limiter.TryAcquire(outsider, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Client_stalling_inside_DATA_gets_421_and_the_message_is_aborted()
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.DataTimeout = TimeSpan.FromSeconds(1);
        var receiver = new RecordingReceiver();
        await using var harness = SmtpSessionHarness.Start(options, receiver);

        await harness.SendAsync("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\nSubject: stall\r\n");
        var transcript = await harness.ReadToEndAsync();

        SmtpExpect.Codes(transcript).Should().EndWith(["354", "421 4.4.2"]);
        receiver.Aborted.Should().Be(1);
        receiver.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Graceful_stop_sends_421_to_an_idle_session()
    {
        await using var harness = SmtpSessionHarness.Start();
        (await harness.ReadReplyAsync()).Should().StartWith("220");

        harness.RequestStop();

        (await harness.ReadToEndAsync()).Should().StartWith("421 4.3.2");
    }

    [Fact]
    public async Task Graceful_stop_lets_the_message_in_flight_finish()
    {
        var receiver = new RecordingReceiver();
        await using var harness = SmtpSessionHarness.Start(receiver: receiver);
        await harness.SendAsync("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\nfirst half\r\n");
        while (await harness.ReadReplyAsync() is var reply && !reply.StartsWith("354"))
            reply.Should().StartWith("2");

        harness.RequestStop();
        await harness.SendAsync("second half\r\n.\r\n");

        var rest = SmtpExpect.Codes(await harness.ReadToEndAsync());
        rest.Should().Equal("250 2.0.0", "421 4.3.2");
        receiver.Messages.Single().Text.Should().Be("first half\r\nsecond half\r\n");
    }

    [Fact]
    public async Task Bytes_pipelined_after_STARTTLS_drop_the_connection()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("mailfilter-smtp-");
        try
        {
            var options = SmtpSessionHarness.DefaultOptions();
            options.StartTls = true;
            var certificates = new SmtpCertificateProvider(options, dataDirectory.FullName, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            await using var harness = SmtpSessionHarness.Start(options, certificates: certificates);

            await harness.SendAsync("EHLO c\r\nSTARTTLS\r\nMAIL FROM:<injected@evil.test>\r\n");
            var transcript = await harness.ReadToEndAsync();

            transcript.Should().Contain("250-STARTTLS").And.NotContain("220 2.0.0").And.NotContain("2.1.0");
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Client_that_pipelines_but_never_reads_is_held_back_not_buffered()
    {
        const int NoopCount = 256 * 1024 / 6;
        // The server's output holds at most 4 KiB unread. Writing 256 KiB of NOOPs without reading a reply must stall
        // the client once its own pipe fills: proof that the server stopped reading instead of queueing replies.
        var smallPipe = new PipeOptions(pauseWriterThreshold: 4096, resumeWriterThreshold: 2048);
        await using var harness = SmtpSessionHarness.Start(toServerOptions: smallPipe, toClientOptions: smallPipe);
        var noops = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("NOOP\r\n", NoopCount)));

        var sending = harness.SendAsync(noops);
        var finished = await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(2)));
        finished.Should().NotBeSameAs(sending, "the server must apply back-pressure while its replies go unread");

        var replies = 0;
        while (await harness.ReadLineAsync() is { } line && line.StartsWith("2"))
        {
            if (++replies == NoopCount + 1)
                break;
        }
        await sending;
        replies.Should().Be(NoopCount + 1, "every NOOP is answered once the client reads");
    }

    [Fact]
    public async Task Replies_to_pipelined_commands_come_in_order()
    {
        var commands = new StringBuilder("EHLO c\r\nMAIL FROM:<a@example.com>\r\n");
        for (var i = 0; i < 50; i++)
            commands.Append($"RCPT TO:<r{i}@example.org>\r\n");
        commands.Append("DATA\r\n.\r\nQUIT\r\n");

        var codes = SmtpExpect.Codes(await SmtpSessionHarness.ExchangeAsync(commands.ToString()));

        codes.Should().HaveCount(1 + 1 + 1 + 50 + 3);
        codes.Skip(3).Take(50).Should().AllBe("250 2.1.5");
        codes.TakeLast(3).Should().Equal("354", "250 2.0.0", "221 2.0.0");
    }
}
