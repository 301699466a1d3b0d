using Microsoft.Extensions.Logging;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>Every session line carries the session id, and connect/disconnect are at Information.</summary>
public class SmtpLoggingTests
{
    [Fact]
    public async Task Session_log_lines_carry_the_session_id_scope()
    {
        var logger = new ScopeRecordingLogger();
        var receiver = new RecordingReceiver();
        await using (var harness = SmtpSessionHarness.Start(receiver: receiver, logger: logger))
        {
            await harness.SendAsync("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n.\r\nQUIT\r\n");
            await harness.ReadToEndAsync();
        }

        var sessionId = receiver.Messages.Single().Envelope.SessionId;
        logger.Lines.Should().NotBeEmpty().And.OnlyContain(line => line.Scope == $"SessionId:{sessionId}");
        logger.Lines.Where(line => line.Level == LogLevel.Information).Select(line => line.Message)
            .Should().Contain(message => message.StartsWith("Connect from"))
            .And.Contain(message => message.StartsWith("Disconnect from"));
        logger.Lines.Where(line => line.Level == LogLevel.Debug).Select(line => line.Message)
            .Should().Contain(message => message.StartsWith("Message from <a@example.com> to 1 recipients"));
    }

    sealed class ScopeRecordingLogger : ILogger
    {
        readonly AsyncLocal<string?> _scope = new();

        public List<(LogLevel Level, string? Scope, string Message)> Lines { get; } = [];

        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            var outer = _scope.Value;
            _scope.Value = state.ToString();
            return new Restore(() => _scope.Value = outer);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
                Lines.Add((logLevel, _scope.Value, formatter(state, exception)));
        }

        sealed class Restore(Action restore) : IDisposable
        {
            public void Dispose() => restore();
        }
    }
}
