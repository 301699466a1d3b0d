using System.Diagnostics;
using System.Text;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>
/// Clients that send a byte now and then so no per-read timer ever fires: the command timeout covers a whole
/// command line, and DATA/BDAT content must keep up a minimum rate once its grace period is over.
/// </summary>
public class SlowClientTests
{
    /// <summary>Sends <paramref name="text"/> one byte every <paramref name="interval"/> until done or the server closes.</summary>
    static Task TrickleAsync(SmtpSessionHarness harness, string text, TimeSpan interval) => Task.Run(async () =>
    {
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            if (harness.Completion.IsCompleted)
                return;
            await harness.SendAsync(new[] { b });
            await Task.Delay(interval);
        }
    });

    static SmtpOptions Options(TimeSpan? commandTimeout = null, TimeSpan? grace = null, int rate = 500)
    {
        var options = SmtpSessionHarness.DefaultOptions();
        options.CommandTimeout = commandTimeout ?? TimeSpan.FromMinutes(1);
        options.DataTimeout = TimeSpan.FromMinutes(1);
        options.MinDataRateGracePeriod = grace ?? TimeSpan.FromSeconds(30);
        options.MinDataRateOctetsPerSecond = rate;
        return options;
    }

    [Fact]
    public async Task Client_sending_a_command_line_a_byte_at_a_time_is_cut_off_by_the_command_timeout()
    {
        await using var harness = SmtpSessionHarness.Start(Options(commandTimeout: TimeSpan.FromSeconds(2)));
        var clock = Stopwatch.StartNew();

        var trickle = TrickleAsync(harness, "EHLO a-client-that-takes-its-time.example\r\n", TimeSpan.FromMilliseconds(250));
        var transcript = await harness.ReadToEndAsync();
        await trickle;

        SmtpExpect.Codes(transcript).Should().Equal("220", "421 4.4.2");
        transcript.Should().EndWith("421 4.4.2 Timeout exceeded, closing connection\r\n");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(9), "the 11 s line is cut at the 2 s command timeout, whatever each byte resets");
    }

    [Fact]
    public async Task Pipelined_commands_each_get_the_whole_command_timeout()
    {
        // Together the pauses outlast one timeout; each alone is well inside it, even on a loaded machine.
        var options = Options(commandTimeout: TimeSpan.FromSeconds(4));
        await using var harness = SmtpSessionHarness.Start(options);

        await harness.SendAsync("NOOP\r\n");
        await Task.Delay(2500);
        await harness.SendAsync("NOOP\r\n");
        await Task.Delay(2500);
        await harness.SendAsync("QUIT\r\n");

        SmtpExpect.Codes(await harness.ReadToEndAsync()).Should().Equal("220", "250 2.0.0", "250 2.0.0", "221 2.0.0");
    }

    [Fact]
    public async Task Client_trickling_DATA_content_is_cut_off_once_the_grace_is_spent()
    {
        var receiver = new RecordingReceiver();
        await using var harness = SmtpSessionHarness.Start(Options(grace: TimeSpan.FromSeconds(1)), receiver);
        await harness.SendAsync("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
        var clock = Stopwatch.StartNew();

        var trickle = TrickleAsync(harness, "Subject: one byte at a time\r\n\r\n" + new string('x', 60) + "\r\n.\r\n", TimeSpan.FromMilliseconds(100));
        var transcript = await harness.ReadToEndAsync();
        await trickle;

        SmtpExpect.Codes(transcript).Should().EndWith(["354", "421 4.4.2"]);
        transcript.Should().EndWith("421 4.4.2 Data transfer too slow, closing connection\r\n");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(6), "ten bytes a second earns 20 ms a second against the 1 s grace");
        receiver.Aborted.Should().Be(1);
        receiver.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Client_trickling_a_BDAT_chunk_is_cut_off_once_the_grace_is_spent()
    {
        var receiver = new RecordingReceiver();
        await using var harness = SmtpSessionHarness.Start(Options(grace: TimeSpan.FromSeconds(1)), receiver);
        await harness.SendAsync("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nBDAT 100 LAST\r\n");

        var trickle = TrickleAsync(harness, new string('x', 100), TimeSpan.FromMilliseconds(100));
        var transcript = await harness.ReadToEndAsync();
        await trickle;

        transcript.Should().EndWith("421 4.4.2 Data transfer too slow, closing connection\r\n");
        receiver.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Client_that_sent_quickly_may_pause_longer_than_the_grace()
    {
        var receiver = new RecordingReceiver();
        await using var harness = SmtpSessionHarness.Start(Options(grace: TimeSpan.FromSeconds(1)), receiver);
        await harness.SendAsync("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\nSubject: fast then a pause\r\n\r\n");

        await harness.SendAsync(new string('x', 998) + "\r\n" + new string('y', 998) + "\r\n");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await harness.SendAsync("the end\r\n.\r\nQUIT\r\n");

        SmtpExpect.Codes(await harness.ReadToEndAsync()).Should().EndWith(["354", "250 2.0.0", "221 2.0.0"]);
        receiver.Messages.Single().Text.Should().EndWith("the end\r\n");
    }

    [Fact]
    public async Task With_the_rate_off_only_the_data_timeout_applies()
    {
        var options = Options(grace: TimeSpan.FromSeconds(1), rate: 0);
        var receiver = new RecordingReceiver();
        await using var harness = SmtpSessionHarness.Start(options, receiver);
        await harness.SendAsync("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");

        await TrickleAsync(harness, "Subject: slow\r\n\r\nok\r\n.\r\n", TimeSpan.FromMilliseconds(100));
        await harness.SendAsync("QUIT\r\n");

        SmtpExpect.Codes(await harness.ReadToEndAsync()).Should().EndWith(["354", "250 2.0.0", "221 2.0.0"]);
    }

    [Fact]
    public void The_rate_spends_waits_and_earns_octets_up_to_the_data_timeout()
    {
        var rate = new MinimumDataRate(500, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

        rate.Start();
        rate.TimeLeft.Should().Be(TimeSpan.FromSeconds(30));
        rate.LimitsNextWait.Should().BeTrue();
        rate.Waited(TimeSpan.FromSeconds(10));
        rate.Received(500);
        rate.TimeLeft.Should().Be(TimeSpan.FromSeconds(21));
        rate.Received(10_000_000);
        rate.TimeLeft.Should().Be(TimeSpan.FromMinutes(5), "never more than the DATA timeout in hand");
        rate.LimitsNextWait.Should().BeFalse();
        rate.Start();
        rate.TimeLeft.Should().Be(TimeSpan.FromSeconds(30), "each DATA or BDAT request starts again from the grace");

        var off = new MinimumDataRate(0, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));
        off.Start();
        off.Waited(TimeSpan.FromMinutes(4));
        off.TimeLeft.Should().Be(TimeSpan.FromMinutes(5), "with the rate off each wait has the whole DATA timeout");
    }
}
