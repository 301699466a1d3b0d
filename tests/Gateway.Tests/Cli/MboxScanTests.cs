using System.Text;
using System.Text.Json;
using MailFilter.Gateway.Cli;
using MailFilter.Gateway.Records.Import;
using MailFilter.Gateway.Tests.EndToEnd;

namespace MailFilter.Gateway.Tests.Cli;

/// <summary>`scan` on an mbox judges every message in it, not only the first.</summary>
public class MboxScanTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    const string Mbox =
        "From alice@example.com Mon Jan  5 09:00:00 2026\n" +
        "From: alice@example.com\nTo: bob@city.example\nSubject: minutes\n\nThe minutes are attached.\n" +
        "From here on, this body line starts with From but follows text, so it is no separator.\n\n" +
        "From carol@example.com Mon Jan  5 10:00:00 2026\n" +
        "From: carol@example.com\nTo: bob@city.example\nSubject: lunch\n\nLunch at noon?\n\n" +
        "From dave@example.com Mon Jan  5 11:00:00 2026\n" +
        "From: dave@example.com\nTo: bob@city.example\nSubject: budget\n\nBudget draft.\n";

    [Fact]
    public void Messages_start_at_from_lines_that_open_the_file_or_follow_an_empty_line()
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(Mbox));

        var ranges = MboxRanges.Find(stream);

        ranges.Should().HaveCount(3);
        ranges.Select(r => Encoding.ASCII.GetString(Encoding.ASCII.GetBytes(Mbox), (int)r.Start, (int)r.Length).Split('\n')[1])
            .Should().Equal("From: alice@example.com", "From: carol@example.com", "From: dave@example.com");
        ranges.Sum(r => r.Length).Should().Be(Mbox.Length);
    }

    [Fact]
    public void A_file_that_does_not_start_with_a_from_line_is_one_message()
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("Subject: x\r\n\r\nbody\r\n\r\nFrom someone at the end\r\n"));

        MboxRanges.Find(stream).Should().ContainSingle();
    }

    [Fact]
    public async Task Scan_prints_one_verdict_per_message_of_an_mbox()
    {
        var mbox = Path.Combine(temp.Path, "inbox.mbox");
        await File.WriteAllTextAsync(mbox, Mbox);

        var (exit, output, error) = await MailFilterCommandLine.RunAsync(null, "scan", "--json", "--no-classifier", mbox);

        exit.Should().Be(0, error);
        var files = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("file").GetString());
        files.Should().Equal($"{mbox}#1", $"{mbox}#2", $"{mbox}#3");
    }
}
