using MailFilter.Gateway.Verdicts;
using MailFilter.Gateway.Queue;

namespace MailFilter.Gateway.Cli;

/// <summary>One line of <c>mailfilter queue list</c>: what an admin needs to decide about an entry.</summary>
public sealed record QueueEntrySummary(
    string Id,
    string State,
    DateTimeOffset? ArrivedAt,
    string? Sender,
    int Recipients,
    int Pending,
    long SizeBytes,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    string? Action,
    string? Subject,
    IReadOnlyList<string>? Categories,
    string? Reason,
    string? Problem)
{
    /// <summary>The entry's summary; null when it left <paramref name="state"/> while the queue was being listed (delivered, or moved by the gateway).</summary>
    public static QueueEntrySummary? Read(MessageQueue queue, QueueState state, string id)
    {
        var name = state.ToString().ToLowerInvariant();
        try
        {
            var envelope = queue.ReadEnvelope(state, id);
            var verdict = envelope.Verdict ?? Verdict.Pass;
            return new QueueEntrySummary(id, name, envelope.ArrivedAt, envelope.Sender, envelope.Recipients.Count, envelope.Pending.Count(),
                envelope.SizeBytes, envelope.Attempts, envelope.NextAttemptAt, envelope.LastError, verdict.Action.ToString().ToLowerInvariant(),
                envelope.Subject, verdict.Categories, verdict.Reason, null);
        }
        catch (FileNotFoundException) when (!File.Exists(queue.EntryPath(state, id)))
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return new QueueEntrySummary(id, name, null, null, 0, 0, 0, 0, null, null, null, null, null, null, exception.Message);
        }
    }

    /// <summary>
    /// Postfix mailq style: id, state, size, arrival, sender, pending recipients; then the subject, the verdict (for held
    /// or tagged mail: its categories and why) and the reason delivery waits.
    /// </summary>
    public string ToText()
    {
        if (Problem is not null)
            return $"{Id,-16} {State,-8} unreadable: {Problem}";
        var text = $"{Id,-16} {State,-8} {SizeBytes,9} {ArrivedAt:yyyy-MM-dd HH:mm:ss} <{Sender}> {Pending}/{Recipients} pending, {Attempts} attempts";
        if (NextAttemptAt is { } next && State == "deferred")
            text += $", next {next:yyyy-MM-dd HH:mm:ss}";
        var indent = new string(' ', 25);
        text += $"\n{indent}subject: {Subject}";
        if (Action is not null and not "pass")
            text += $"\n{indent}{Action}: {(Categories is { Count: > 0 } ? string.Join(",", Categories) : "-")} ({Reason})";
        if (LastError is not null)
            text += $"\n{indent}({LastError})";
        return text;
    }
}
