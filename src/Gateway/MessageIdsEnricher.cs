using Serilog.Core;
using Serilog.Events;

namespace MailFilter.Gateway;

/// <summary>
/// Adds <see cref="PropertyName"/>: the session and queue ids from the log scopes, as " [session queue]", so that
/// every console line of one SMTP session or one message can be found with grep; empty when neither is in scope.
/// The property always reflects the scopes: a message template's own property of a common name (an "{Ids}" list in a
/// recovery line) must neither replace it nor be replaced by it.
/// </summary>
public sealed class MessageIdsEnricher : ILogEventEnricher
{
    /// <summary>A name no message template uses; the output templates place it after the level.</summary>
    public const string PropertyName = "MailFilterLineIds";

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
        logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty(PropertyName, ids));
    }

    static string? Text(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: { } scalar } ? scalar.ToString() : null;
}
