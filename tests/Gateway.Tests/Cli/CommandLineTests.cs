using MailFilter.Gateway.Tests.EndToEnd;

namespace MailFilter.Gateway.Tests.Cli;

/// <summary>The command line a mail admin meets first: mistakes are errors, help is there when asked for.</summary>
public class CommandLineTests
{
    [Fact]
    public void An_unknown_option_is_an_error_not_silently_ignored()
    {
        var result = MailFilterCli.Run("queue", "list", "--jsn", "--data", Path.GetTempPath());

        result.ExitCode.Should().NotBe(0);
        result.Errors.Should().Contain(line => line.Contains("--jsn"));
    }

    [Fact]
    public void Mailfilter_alone_and_mailfilter_help_show_the_commands()
    {
        var bare = MailFilterCli.Run();
        var help = MailFilterCli.Run("help", "queue", "list");

        bare.ExitCode.Should().Be(0);
        bare.Output.Should().Contain(line => line.TrimStart().StartsWith("serve"));
        help.ExitCode.Should().Be(0);
        help.Output.Should().Contain(line => line.Contains("List queued messages"));
        help.Output.Should().NotContain(line => line.Contains("Additional Arguments"));
    }

    [Fact]
    public void A_setting_on_the_command_line_reaches_every_verb()
    {
        var rules = MailFilterCli.Run("rules", "check", "--Smtp:AcceptedDomains:0=city.example");

        rules.ExitCode.Should().Be(0, string.Join("\n", rules.Errors));
        rules.Output.Should().Contain(line => line.EndsWith(": OK"));
    }
}
