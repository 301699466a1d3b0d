using System.CommandLine;

namespace MailFilter.Gateway.Cli;

/// <summary>The <c>mailfilter</c> command line: one verb per concern, all over the same stores.</summary>
public static class MailFilterCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("MailFilter: an SMTP content-filtering gateway for public bodies.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ScanCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(ClassifierCommand.Create());
        root.Subcommands.Add(QueueCommand.Create());
        root.Subcommands.Add(ArchiveCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(Help());
        // `mailfilter` alone shows what it can do, as `mailfilter --help` does.
        root.SetAction(_ => Create().Parse(["--help"]).Invoke());
        return root;
    }

    /// <summary><c>mailfilter help [COMMAND...]</c>: the help of the root or of a verb.</summary>
    static Command Help()
    {
        var verbs = new Argument<string[]>("COMMAND") { Description = "The command to explain, e.g. `queue list`.", Arity = ArgumentArity.ZeroOrMore };
        var help = new Command("help", "Show help for mailfilter or one of its commands.") { verbs };
        help.SetAction(parse => Create().Parse([.. parse.GetValue(verbs) ?? [], "--help"]).Invoke());
        return help;
    }
}
