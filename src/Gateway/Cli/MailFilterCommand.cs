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
        return root;
    }
}
