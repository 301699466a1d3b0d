using System.Text;
using MailFilter.Gateway.Smtp;
using Microsoft.Extensions.Logging;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>Random and hostile byte streams: the session always ends cleanly, never with an internal fault.</summary>
public class SmtpHostileInputTests
{
    static readonly string[] Fragments =
    [
        "EHLO c\r\n", "HELO c\r\n", "MAIL FROM:<a@example.com>\r\n", "MAIL FROM:<> SIZE=99999999999\r\n", "RCPT TO:<b@example.org>\r\n",
        "RCPT TO:<\"q\\\"x\"@[IPv6:::1]>\r\n", "DATA\r\n", "BDAT 10\r\n", "BDAT 0 LAST\r\n", "BDAT 99999999999999 LAST\r\n", "RSET\r\n",
        "NOOP\r\n", "STARTTLS\r\n", "VRFY x\r\n", ".\r\n", "..\r\n", "\r\n", "\n", "\r", ".", "\n.\n", "\r.\r\n", "\u0000", "\u00ff\u00fe",
        "MAIL FROM:<" + new string('a', 600) + "@x>\r\n", "SIZE=1 SIZE=2", "<>", "@", ":", "\"", "QUIT\r\n",
    ];

    [Fact]
    public async Task Random_command_soup_never_faults_the_session()
    {
        var random = new Random(5321);
        for (var round = 0; round < 200; round++)
        {
            var input = new StringBuilder();
            for (var i = random.Next(1, 40); i > 0; i--)
                input.Append(random.Next(4) == 0 ? RandomBytes(random) : Fragments[random.Next(Fragments.Length)]);
            var logger = new ErrorCountingLogger();
            var options = SmtpSessionHarness.DefaultOptions();
            options.MaxErrorsPerSession = 1000;

            await using (var harness = SmtpSessionHarness.Start(options, logger: logger))
            {
                await harness.SendAsync(input.ToString());
                await harness.CloseInputAsync();
                var transcript = await harness.ReadToEndAsync();
                transcript.Should().NotContain("4.3.0 Internal error", $"round {round}");
            }

            logger.Errors.Should().Be(0, $"round {round}: {input}");
        }
    }

    [Fact]
    public async Task Random_bytes_never_fault_the_session()
    {
        var random = new Random(3030);
        for (var round = 0; round < 100; round++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            var logger = new ErrorCountingLogger();
            await using (var harness = SmtpSessionHarness.Start(logger: logger))
            {
                await harness.SendAsync(bytes);
                await harness.CloseInputAsync();
                await harness.ReadToEndAsync();
            }

            logger.Errors.Should().Be(0, $"round {round}");
        }
    }

    static string RandomBytes(Random random)
    {
        var chars = new char[random.Next(1, 20)];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = (char)random.Next(0, 128);
        return new string(chars);
    }

    sealed class ErrorCountingLogger : ILogger
    {
        public int Errors;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
                Interlocked.Increment(ref Errors);
        }
    }
}
