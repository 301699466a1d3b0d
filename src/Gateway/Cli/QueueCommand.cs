using System.CommandLine;
using System.Text.Json;
using MailFilter.Gateway.Verdicts;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using MailFilter.Gateway.Queue.Requests;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// <c>mailfilter queue list|show|flush|delete|hold|release</c>. <c>list</c> and <c>show</c> read the queue directories
/// directly, with or without a running gateway (as Postfix's mailq does). <c>hold</c>, <c>release</c>, <c>delete</c> and
/// <c>flush</c> change entries, which only the queue's owner does: they are requests through DATA/queue/requests
/// (<see cref="QueueRequestClient"/>), applied by the running gateway — after the delivery attempt under way on an entry,
/// if any — or, when no gateway runs, by this command itself while it holds the queue's owner lock, by the same code.
/// </summary>
public static class QueueCommand
{
    /// <summary>Exit code when the gateway has not answered within --timeout (the request is still applied later).</summary>
    const int NotAnsweredExitCode = 2;

    static readonly Option<bool> Json = new("--json") { Description = "One JSON object per line." };
    static readonly Option<string?> State = new("--state") { Description = "Only this state: active, deferred, hold, done (finished, waiting for the archive), corrupt or incoming." };
    static readonly Option<TimeSpan> Timeout = new("--timeout")
    {
        Description = "How long to wait for the running gateway's answer, e.g. 00:01:00 (an entry under a delivery attempt waits for it to end). Default: 00:00:30",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
    };
    static readonly Argument<string> Id = new("ID") { Description = "A queue id, as in `queue list`." };
    static readonly Argument<string[]> Ids = new("ID") { Description = "Queue ids.", Arity = ArgumentArity.OneOrMore };

    public static Command Create()
    {
        var queue = new Command("queue", "List and manage the delivery queue (DATA/queue).");
        queue.Subcommands.Add(Verb("list", "List queued messages, oldest first.", [Json, State], List));
        queue.Subcommands.Add(Verb("show", "Show one entry: envelope, recipients' status and verdict.", [Json], Show, Id));
        queue.Subcommands.Add(Verb("flush", "Make every deferred message due now.", [Timeout], (parse, queue, cancellationToken) => Change(parse, queue, QueueOperation.Flush, [], cancellationToken)));
        queue.Subcommands.Add(Verb("delete", "Delete messages from the queue (any state; after a delivery attempt under way).", [Timeout],
            (parse, queue, cancellationToken) => Change(parse, queue, QueueOperation.Delete, parse.GetValue(Ids) ?? [], cancellationToken), Ids));
        queue.Subcommands.Add(Verb("hold", "Hold messages: not delivered until released (after a delivery attempt under way).", [Timeout],
            (parse, queue, cancellationToken) => Change(parse, queue, QueueOperation.Hold, parse.GetValue(Ids) ?? [], cancellationToken), Ids));
        queue.Subcommands.Add(Verb("release", "Release held messages for delivery now.", [Timeout],
            (parse, queue, cancellationToken) => Change(parse, queue, QueueOperation.Release, parse.GetValue(Ids) ?? [], cancellationToken), Ids));
        return queue;
    }

    static Command Verb(string name, string description, Option[] options, Func<ParseResult, MessageQueue, int> action, Argument? argument = null) =>
        Verb(name, description, options, (parse, queue, _) => Task.FromResult(action(parse, queue)), argument);

    static Command Verb(string name, string description, Option[] options, Func<ParseResult, MessageQueue, CancellationToken, Task<int>> action, Argument? argument = null)
    {
        var command = new Command(name, description);
        if (argument is not null)
            command.Arguments.Add(argument);
        foreach (var option in options)
            command.Options.Add(option);
        CommonOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, OpenQueue(parse), cancellationToken);
            }
            catch (QueueRequestTimeoutException exception)
            {
                Console.Error.WriteLine($"mailfilter: {exception.Message}");
                return NotAnsweredExitCode;
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
        QueueState[] states = [QueueState.Active, QueueState.Deferred, QueueState.Hold, QueueState.Done, QueueState.Corrupt];
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
                if (QueueEntrySummary.Read(queue, state, id) is not { } summary)
                    continue;
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
        if (!parse.GetValue(Json))
        {
            Console.Write(QueueEntryText.Describe(state, envelope, verdict, message));
            return 0;
        }
        envelope.Verdict = null; // shown once, as "verdict"
        var entry = new { state = state.ToString().ToLowerInvariant(), envelope, verdict, file = message.Path, messageBytes = message.Length };
        Console.WriteLine(JsonSerializer.Serialize(entry, QueueJson.Compact));
        return 0;
    }

    /// <summary>Asks the queue's owner for <paramref name="operation"/> and prints one line per entry: done on stdout, not done on stderr (exit 1).</summary>
    static async Task<int> Change(ParseResult parse, MessageQueue queue, QueueOperation operation, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var verb = operation.ToString().ToLowerInvariant();
        var client = new QueueRequestClient(queue, new DurableFileSystem(), TimeProvider.System);
        var reply = await client.SubmitAsync(operation, ids, $"mailfilter queue {verb} (user {Environment.UserName}, pid {Environment.ProcessId})",
            parse.GetValue(Timeout), cancellationToken);
        if (reply.Error is { } error)
            return Fail(error);
        var failures = 0;
        foreach (var outcome in reply.Outcomes)
        {
            if (outcome.Succeeded)
            {
                if (operation != QueueOperation.Flush)
                    Console.WriteLine($"{outcome.Id}: {outcome.Detail}");
            }
            else if (operation != QueueOperation.Flush || outcome.Kind == EntryOutcomeKind.Failed)
            {
                // A flush of every deferred entry races with their retries and with operators: an entry that left
                // deferred meanwhile (retried, delivered, held) is not a failure of the flush.
                Console.Error.WriteLine($"mailfilter: {outcome.Id}: {outcome.Detail}");
                failures++;
            }
        }
        if (operation == QueueOperation.Flush)
            Console.WriteLine($"{reply.Outcomes.Count(o => o.Kind == EntryOutcomeKind.Changed)} deferred entries due now");
        return failures == 0 ? 0 : 1;
    }

    static int Fail(string reason)
    {
        Console.Error.WriteLine($"mailfilter: {reason}");
        return 1;
    }
}
