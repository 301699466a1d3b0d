using Serilog;
using Serilog.Context;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace MailFilter.Gateway.Tests.Logging;

/// <summary>The gateway's log lines as an admin greps them: level, ids in brackets, source, message.</summary>
public class LogLineTests
{
    static string Render(string template, Action<ILogger> log)
    {
        var output = new StringWriter();
        using (var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Enrich.FromLogContext()
            .Enrich.With<MessageIdsEnricher>()
            .Enrich.With<SyslogPriorityEnricher>()
            .WriteTo.Sink(new TextSink(new MessageTemplateTextFormatter(template), output))
            .CreateLogger())
        {
            log(logger.ForContext("SourceContext", "MailFilter.Gateway.Queue.MessageQueue"));
        }
        return output.ToString();
    }

    [Fact]
    public void A_message_with_its_own_Ids_property_does_not_take_the_place_of_the_bracketed_ids()
    {
        var line = Render(GatewayLogging.ConsoleOutputTemplate, logger => logger.Information(
            "moved {Count} committed entries left in incoming by the previous run on: {Ids}", 1, "00095DKYXKM73F10"));

        line.Should().MatchRegex(@"^\S+ INF MailFilter\.Gateway\.Queue\.MessageQueue: moved 1 committed entries left in incoming by the previous run on: 00095DKYXKM73F10\r?\n$");
    }

    [Fact]
    public void Session_and_queue_ids_in_scope_are_in_brackets_after_the_level_even_when_the_message_has_Ids()
    {
        string line;
        using (LogContext.PushProperty("SessionId", "S1"))
        using (LogContext.PushProperty("QueueId", "Q2"))
            line = Render(GatewayLogging.ConsoleOutputTemplate, logger => logger.Warning("removed {Count}: {Ids}", 2, "A,B"));

        line.Should().Contain(" WRN [S1 Q2] MailFilter.Gateway.Queue.MessageQueue: removed 2: A,B");
    }

    [Theory]
    [InlineData(LogEventLevel.Information, "<6>INF")]
    [InlineData(LogEventLevel.Warning, "<4>WRN")]
    [InlineData(LogEventLevel.Error, "<3>ERR")]
    [InlineData(LogEventLevel.Debug, "<7>DBG")]
    public void Journal_lines_start_with_the_syslog_priority_and_carry_no_time_stamp(LogEventLevel level, string start)
    {
        var line = Render(GatewayLogging.JournalOutputTemplate, logger => logger.Write(level, "Stopped"));

        line.Should().StartWith(start + " MailFilter.Gateway.Queue.MessageQueue: Stopped");
    }

    [Theory]
    [InlineData("8:12345", "socket:[12345]", true)]
    [InlineData("8:12345", "pipe:[12345]", true)]
    [InlineData("8:12345", "socket:[99]", false)]
    [InlineData("8:12345", "/dev/pts/0", false)]
    [InlineData("garbage", "socket:[12345]", false)]
    [InlineData(null, "socket:[12345]", false)]
    public void The_journal_is_used_only_when_standard_output_is_the_stream_systemd_named(string? journalStream, string target, bool expected)
    {
        GatewayLogging.IsJournalStream(journalStream, target).Should().Be(expected);
    }

    sealed class TextSink(MessageTemplateTextFormatter formatter, TextWriter output) : Serilog.Core.ILogEventSink
    {
        public void Emit(LogEvent logEvent) => formatter.Format(logEvent, output);
    }
}
