using System.CommandLine;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Records.Blobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// What the <c>archive</c> and <c>audit</c> verbs share: the archive's services composed from the same configuration
/// as <c>serve</c> (so they open the same stores, with or without a running gateway), the actor for the audit log, and
/// one exit-code scheme — 0 done; 1 the answer is no (no such record, a stored message altered, problems found);
/// 2 the command could not run (a bad argument, an invalid setting, no archive there, the store unreadable) —
/// each failure one line on stderr.
/// </summary>
public static class ArchiveCommandRunner
{
    public const int Done = 0;
    public const int AnswerIsNo = 1;
    public const int CouldNotRun = 2;

    public static readonly Option<bool> Json = new("--json") { Description = "One JSON object per line." };
    public static readonly Option<string?> Actor = new("--actor") { Description = "Who is asking, as the audit log records it. Default: the OS user (through sudo: who ran sudo)." };
    public static readonly Option<string?> Matter = new("--matter") { Description = "The records request or case number this is for (kept in the audit log)." };
    public static readonly Option<int> Limit = new("--limit") { Description = "How many per page (1 to 10000).", DefaultValueFactory = _ => 50 };
    public static readonly Option<int> Page = new("--page") { Description = "Which page, from 1.", DefaultValueFactory = _ => 1 };

    /// <summary>A verb over the archive's services; <paramref name="createsArchive"/> lets it start an archive where there is none (import).</summary>
    public static Command Verb(string name, string description, IEnumerable<Symbol> symbols, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> action, bool createsArchive = false)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument)
                command.Arguments.Add(argument);
            else if (symbol is Option option)
                command.Options.Add(option);
        }
        CommonOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, action, createsArchive, cancellationToken));
        return command;
    }

    /// <summary>The audit log's actor: --actor, else the OS user (through sudo, the user who ran sudo, e.g. "jsmith via sudo as mailfilter").</summary>
    public static ArchiveAccess Access(ParseResult parse, string? matter = null)
    {
        var actor = parse.GetValue(Actor);
        return new ArchiveAccess(string.IsNullOrWhiteSpace(actor) ? OsUser() : actor.Trim(), string.IsNullOrWhiteSpace(matter) ? null : matter.Trim());
    }

    static string OsUser()
    {
        var user = Environment.UserName;
        var sudoUser = Environment.GetEnvironmentVariable("SUDO_USER");
        return string.IsNullOrWhiteSpace(sudoUser) || sudoUser == user ? user : $"{sudoUser} via sudo as {user}";
    }

    /// <summary>--limit and --page, checked.</summary>
    public static (int Limit, int Page) Paging(ParseResult parse)
    {
        var limit = parse.GetValue(Limit);
        var page = parse.GetValue(Page);
        if (limit is < 1 or > ArchiveQuery.MaxLimit)
            throw new FormatException($"--limit {limit} is out of range: 1 to {ArchiveQuery.MaxLimit}");
        if (page < 1)
            throw new FormatException($"--page {page} is out of range: 1 or more");
        return (limit, page);
    }

    public static int Fail(int exitCode, string reason)
    {
        Console.Out.Flush();
        Console.Error.WriteLine($"mailfilter: {reason}");
        return exitCode;
    }

    static async Task<int> RunAsync(ParseResult parse, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> action, bool createsArchive, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddGatewaySources(parse).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        services.AddArchiveServices();
        await using var provider = services.BuildServiceProvider();
        try
        {
            var gateway = provider.GetRequiredService<IOptions<GatewayOptions>>().Value;
            var archive = provider.GetRequiredService<IOptions<RecordsOptions>>().Value.FullDirectory(gateway.FullDataDirectory);
            if (!createsArchive && !File.Exists(ArchiveLayout.DatabasePath(archive)))
                return Fail(CouldNotRun, $"no archive at {archive} (wrong --data, or nothing archived yet)");
            return await action(parse, provider, cancellationToken);
        }
        catch (OptionsValidationException invalid)
        {
            return Fail(CouldNotRun, $"invalid configuration: {string.Join("; ", invalid.Failures)}");
        }
        catch (FormatException badArgument)
        {
            return Fail(CouldNotRun, badArgument.Message);
        }
        catch (ArchiveQueryException badQuery)
        {
            return Fail(CouldNotRun, badQuery.Message);
        }
        catch (BlobIntegrityException altered)
        {
            return Fail(AnswerIsNo, altered.Message);
        }
        catch (BlobNotFoundException missing)
        {
            return Fail(AnswerIsNo, $"{missing.Message}: it was removed from the archive");
        }
        catch (SqliteException store)
        {
            return Fail(CouldNotRun, $"the archive database cannot be used: {store.Message}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail(CouldNotRun, exception.Message);
        }
    }
}
