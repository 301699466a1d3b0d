using System.CommandLine;
using MailFilter.Rules.Language;
using Serilog;

namespace MailFilter.Gateway.Cli;

/// <summary><c>mailfilter serve</c>: run the gateway.</summary>
public static class ServeCommand
{
    static readonly Option<string?> Smtp = new("--smtp") { Description = "SMTP listen address HOST:PORT. Default: 127.0.0.1:2525" };
    static readonly Option<string?> ConsoleUrl = new("--console") { Description = "Console and metrics URL. Default: http://127.0.0.1:8025" };
    static readonly Option<string?> NextHop = new("--next-hop") { Description = "Relay all mail to HOST:PORT. Default: none (write to DATA/outbox)" };

    public static Command Create()
    {
        var command = new Command("serve", "Run the gateway: SMTP listener, queue, delivery and console.");
        command.Options.Add(Smtp);
        command.Options.Add(ConsoleUrl);
        command.Options.Add(NextHop);
        CommonOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>();
        if (parse.GetValue(Smtp) is { } smtp) values["Smtp:Listen"] = smtp;
        if (parse.GetValue(ConsoleUrl) is { } console) values["Console:Url"] = console;
        if (parse.GetValue(NextHop) is { } nextHop) values["Delivery:NextHop"] = nextHop;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddGatewaySources(parse, values);

        try
        {
            var app = GatewayHost.Build(builder);
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"mailfilter: invalid configuration: {string.Join("; ", e.Failures)}");
            return 2;
        }
        catch (Queue.QueueOwnedElsewhereException e)
        {
            await Console.Error.WriteLineAsync($"mailfilter: {e.Message}");
            return 2;
        }
        catch (RuleSetRefusedException e)
        {
            foreach (var error in e.Errors)
                await Console.Error.WriteLineAsync(error.ToString());
            await Console.Error.WriteLineAsync($"mailfilter: not started: the policy rules were refused ({e.Errors.Count} error(s)); run `mailfilter rules check`");
            return 2;
        }
        catch (Exception e) when (StartupFailure.Describe(e, builder.Configuration) is { } reason)
        {
            await Console.Error.WriteLineAsync($"mailfilter: {reason}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"mailfilter: not started: the data directory cannot be used: {e.Message}");
            return 2;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }
}
