using Serilog.Core;
using Serilog.Events;

namespace MailFilter.Gateway;

/// <summary>Adds <see cref="PropertyName"/>: the syslog priority (RFC 5424 severity) of the event's level, for the journal's "&lt;N&gt;" prefix.</summary>
public sealed class SyslogPriorityEnricher : ILogEventEnricher
{
    public const string PropertyName = "MailFilterSyslogPriority";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var priority = logEvent.Level switch
        {
            LogEventLevel.Fatal => 2,       // crit
            LogEventLevel.Error => 3,       // err
            LogEventLevel.Warning => 4,     // warning
            LogEventLevel.Information => 6, // info
            _ => 7,                         // debug
        };
        logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty(PropertyName, priority));
    }
}
