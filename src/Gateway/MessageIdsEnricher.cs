using Serilog.Core;
using Serilog.Events;

namespace MailFilter.Gateway;

/// <summary>
/// Adds <c>Ids</c>: the session and queue ids from the log scopes, as " [session queue]", so that every
/// console line of one SMTP session or one message can be found with grep; empty when neither is in scope.
/// </summary>
public sealed class MessageIdsEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var session = Text(logEvent, "SessionId");
        var queue = Text(logEvent, "QueueId");
        var ids = (session, queue) switch
        {
            (null, null) => "",
            (_, null) => $" [{session}]",
            (null, _) => $" [{queue}]",
            _ => $" [{session} {queue}]",
        };
        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("Ids", ids));
    }

    static string? Text(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: { } scalar } ? scalar.ToString() : null;
}
