using MailFilter.Gateway.Tests.EndToEnd;
using MailFilter.Gateway.Tests.Records.Import;

namespace MailFilter.Gateway.Tests.Cli;

/// <summary><c>mailfilter archive import</c> through the real executable: the summary line, the listed problems, the exit codes.</summary>
public sealed class ArchiveImportCommandTests : IDisposable
{
    readonly TempDirectory data = new();
    readonly TempDirectory mail = new();

    public void Dispose()
    {
        data.Dispose();
        mail.Dispose();
    }

    [Fact]
    public async Task Import_prints_one_summary_line_then_each_unparseable_message_and_search_finds_the_mail()
    {
        var mbox = mail.File("inbox.mbox", ImportFiles.Mbox);

        var (exit, output, error) = await MailFilterCommandLine.RunAsync(data.Path, "archive", "import", mbox, "--matter", "ORR-3");
        var again = await MailFilterCommandLine.RunAsync(data.Path, "archive", "import", mbox);
        var found = await MailFilterCommandLine.RunAsync(data.Path, "archive", "search", "--message-id", "minutes-1@example.com", "--json");

        exit.Should().Be(0, error);
        error.Should().BeEmpty("no progress line when stderr is not a terminal");
        var lines = output.TrimEnd().Split('\n');
        lines.Should().HaveCount(2);
        lines[0].Should().MatchRegex(@"^imported 3 of 3 messages from 1 path in \d+\.\d s \(\d+ messages/s\): 0 duplicates skipped, 1 unparseable \(stored, listed below\), 0 failed$");
        lines[1].Should().MatchRegex($@"^unparseable: imp-[0-9a-f]{{20}}  {System.Text.RegularExpressions.Regex.Escape(mbox)}#2: not readable as a MIME message");
        again.Out.Should().StartWith("imported 0 of 3 messages").And.Contain("3 duplicates skipped");
        found.Out.Should().Contain("\"subject\":\"Council minutes\"").And.Contain("\"direction\":\"unknown\"");
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_exit_code_2_and_one_line()
    {
        var missing = Path.Combine(mail.Path, "nowhere.mbox");

        var (exit, output, error) = await MailFilterCommandLine.RunAsync(data.Path, "archive", "import", missing);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Be($"mailfilter: no such file or folder: {missing}\n");
    }
}
