using System.CommandLine;
using System.Text.Json;
using MailFilter.Gateway.Verdicts;
using MailFilter.Gateway.Queue;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// <c>mailfilter queue list|show|flush|delete|hold|release</c>: works on the queue directories directly, with or
/// without a running gateway. Changes are single renames (or atomic envelope rewrites), like the daemon's own;
/// flush and release leave a flush request the running daemon picks up within its scan interval.
/// </summary>
public static class QueueCommand
{
    static readonly Option<bool> Json = new("--json") { Description = "One JSON object per line." };
    static readonly Option<string?> State = new("--state") { Description = "Only this state: active, deferred, hold, corrupt or incoming." };
    static readonly Argument<string> Id = new("ID") { Description = "A queue id, as in `queue list`." };
    static readonly Argument<string[]> Ids = new("ID") { Description = "Queue ids.", Arity = ArgumentArity.OneOrMore };

    public static Command Create()
    {
        var queue = new Command("queue", "List and manage the delivery queue (DATA/queue).");
        queue.Subcommands.Add(Verb("list", "List queued messages, oldest first.", [Json, State], List));
        queue.Subcommands.Add(Verb("show", "Show one entry: envelope, recipients' status and verdict.", [Json], Show, Id));
        queue.Subcommands.Add(Verb("flush", "Make every deferred message due now.", [], Flush));
        queue.Subcommands.Add(Verb("delete", "Delete messages from the queue (any state).", [], Delete, Ids));
        queue.Subcommands.Add(Verb("hold", "Hold messages: they are not delivered until released.", [], Hold, Ids));
        queue.Subcommands.Add(Verb("release", "Release held messages for delivery now.", [], Release, Ids));
        return queue;
    }

    static Command Verb(string name, string description, Option[] options, Func<ParseResult, MessageQueue, int> action, Argument? argument = null)
    {
        var command = new Command(name, description);
        if (argument is not null)
            command.Arguments.Add(argument);
        foreach (var option in options)
            command.Options.Add(option);
        CommonOptions.AddTo(command);
        command.SetAction(parse =>
        {
            try
            {
                return action(parse, OpenQueue(parse));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or JsonException or OptionsValidationException)
            {
                return Fail(exception.Message);
            }
        });
        return command;
    }

    static MessageQueue OpenQueue(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder().AddGatewaySources(parse).Build();
        var gateway = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var root = Path.Combine(gateway.FullDataDirectory, "queue");
        if (!Directory.Exists(root))
            throw new IOException($"no queue at {root} (wrong --data?)");
        return new MessageQueue(root, new DurableFileSystem(), TimeProvider.System);
    }

    static int List(ParseResult parse, MessageQueue queue)
    {
        QueueState[] states = [QueueState.Active, QueueState.Deferred, QueueState.Hold, QueueState.Corrupt];
        if (parse.GetValue(State) is { } name)
        {
            if (!Enum.TryParse<QueueState>(name, ignoreCase: true, out var only))
                return Fail($"unknown state '{name}'; expected active, deferred, hold, corrupt or incoming");
            states = [only];
        }
        var json = parse.GetValue(Json);
        var count = 0;
        foreach (var state in states)
        {
            foreach (var id in queue.List(state))
            {
                var summary = QueueEntrySummary.Read(queue, state, id);
                Console.WriteLine(json ? JsonSerializer.Serialize(summary, QueueJson.Compact) : summary.ToText());
                count++;
            }
        }
        if (!json)
            Console.WriteLine(count == 0 ? "Mail queue is empty" : $"-- {count} entries");
        return 0;
    }

    static int Show(ParseResult parse, MessageQueue queue)
    {
        var id = parse.GetValue(Id)!;
        if (!queue.TryFind(id, out var state))
            return Fail($"no queue entry {id}");
        var (envelope, message) = queue.Read(state, id);
        var verdict = envelope.Verdict ?? Verdict.Pass;
        envelope.Verdict = null; // shown once, as "verdict"
        var entry = new { state = state.ToString().ToLowerInvariant(), envelope, verdict, file = message.Path, messageBytes = message.Length };
        Console.WriteLine(JsonSerializer.Serialize(entry, parse.GetValue(Json) ? QueueJson.Compact : QueueJson.Indented));
        return 0;
    }

    static int Flush(ParseResult parse, MessageQueue queue)
    {
        var now = DateTimeOffset.UtcNow;
        var count = 0;
        foreach (var id in queue.List(QueueState.Deferred).Where(QueueId.IsValid))
        {
            var envelope = queue.ReadEnvelope(QueueState.Deferred, id);
            envelope.NextAttemptAt = now;
            queue.WriteEnvelope(QueueState.Deferred, envelope);
            count++;
        }
        RequestRescan(queue);
        Console.WriteLine($"{count} deferred entries due now");
        return 0;
    }

    static int Delete(ParseResult parse, MessageQueue queue) => ForEach(parse, queue, "deleted", (id, state) =>
    {
        queue.Delete(state, id);
        return true;
    });

    static int Hold(ParseResult parse, MessageQueue queue) => ForEach(parse, queue, "held", (id, state) =>
    {
        if (state is QueueState.Hold)
            return true;
        if (state is not (QueueState.Active or QueueState.Deferred))
            return false;
        queue.Move(id, state, QueueState.Hold);
        return true;
    });

    static int Release(ParseResult parse, MessageQueue queue)
    {
        var result = ForEach(parse, queue, "released", (id, state) =>
        {
            if (state is not (QueueState.Hold or QueueState.Corrupt))
                return false;
            var envelope = queue.ReadEnvelope(state, id);
            envelope.NextAttemptAt = DateTimeOffset.UtcNow;
            queue.WriteEnvelope(state, envelope);
            queue.Move(id, state, QueueState.Deferred);
            return true;
        });
        RequestRescan(queue);
        return result;
    }

    static int ForEach(ParseResult parse, MessageQueue queue, string done, Func<string, QueueState, bool> change)
    {
        var failures = 0;
        foreach (var id in parse.GetValue(Ids) ?? [])
        {
            if (!queue.TryFind(id, out var state) || state == QueueState.Incoming)
            {
                Console.Error.WriteLine($"mailfilter: no queue entry {id}");
                failures++;
            }
            else if (!change(id, state))
            {
                Console.Error.WriteLine($"mailfilter: {id} is {state.ToString().ToLowerInvariant()}, cannot be {done}");
                failures++;
            }
            else
            {
                Console.WriteLine($"{id}: {done}");
            }
        }
        return failures == 0 ? 0 : 1;
    }

    static void RequestRescan(MessageQueue queue) => File.WriteAllText(queue.FlushRequestPath, DateTimeOffset.UtcNow.ToString("O"));

    static int Fail(string reason)
    {
        Console.Error.WriteLine($"mailfilter: {reason}");
        return 1;
    }
}
