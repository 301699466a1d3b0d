using MailFilter.Gateway.Tests.EndToEnd;

namespace MailFilter.Gateway.Tests.Cli;

/// <summary>The command line a mail admin meets first: mistakes are errors, help is there when asked for.</summary>
public class CommandLineTests
{
    [Fact]
    public async Task An_unknown_option_is_an_error_not_silently_ignored()
    {
        var (exit, _, error) = await MailFilterCommandLine.RunAsync(null, "queue", "list", "--jsn");

        exit.Should().NotBe(0);
        error.Should().Contain("--jsn");
    }

    [Fact]
    public async Task Mailfilter_alone_and_mailfilter_help_show_the_commands()
    {
        var bare = await MailFilterCommandLine.RunAsync(null);
        var help = await MailFilterCommandLine.RunAsync(null, "help", "queue", "list");

        bare.Exit.Should().Be(0);
        bare.Out.Should().MatchRegex(@"(?m)^\s+serve\b");
        help.Exit.Should().Be(0);
        help.Out.Should().Contain("List queued messages").And.NotContain("Additional Arguments");
    }

    [Fact]
    public async Task A_setting_on_the_command_line_reaches_every_verb()
    {
        var (exit, output, error) = await MailFilterCommandLine.RunAsync(null, "rules", "check", "--Smtp:AcceptedDomains:0=city.example");

        exit.Should().Be(0, error);
        output.Should().MatchRegex("(?m): OK$");
    }
}
