using System.IO.Compression;
using MailFilter.Gateway.Tests.EndToEnd;

namespace MailFilter.Gateway.Tests.Cli;

/// <summary><c>mailfilter archive export</c> through the real executable: its arguments, output and exit codes.</summary>
public sealed class ArchiveExportCommandTests : IAsyncLifetime
{
    ArchiveSeed seed = null!;
    readonly TempDirectory output = new();

    public async Task InitializeAsync() => seed = await ArchiveSeed.CreateAsync();

    public Task DisposeAsync()
    {
        seed.Dispose();
        output.Dispose();
        return Task.CompletedTask;
    }

    Task<(int Exit, string Out, string Error)> Run(params string[] arguments) =>
        MailFilterCommandLine.RunAsync(seed.DataDirectory, ArchiveSeed.InZone(arguments));

    [Fact]
    public async Task Export_of_a_search_writes_the_package_and_prints_its_manifest_hash_and_audit_head()
    {
        var package = Path.Combine(output.Path, "orr-41.zip");

        var (exit, stdout, error) = await Run("archive", "export", "--since", "2025-03-04", "--matter", "ORR-41", "--out", package);

        exit.Should().Be(0, error);
        var lines = stdout.TrimEnd().Split('\n');
        lines[0].Should().MatchRegex($@"^exported 2 messages \(\d+ bytes\) to {System.Text.RegularExpressions.Regex.Escape(package)}$");
        lines[1].Should().MatchRegex("^manifest SHA-256: [0-9a-f]{64}$");
        lines[2].Should().MatchRegex("^audit chain head: 1:[0-9a-f]{64} \\(this export's entry\\)$");
        using var zip = ZipFile.OpenRead(package);
        zip.Entries.Select(e => e.FullName).Should().BeEquivalentTo(
            $"messages/20250310-090000_{ArchiveSeed.BakeSale}.eml", $"messages/20250304-100000_{ArchiveSeed.Complaint}.eml",
            "manifest.csv", "manifest.csv.sha256", "CHAIN-OF-CUSTODY.txt");
    }

    [Fact]
    public async Task Export_without_a_matter_or_onto_an_existing_file_is_refused()
    {
        var existing = Path.Combine(output.Path, "taken.zip");
        File.WriteAllText(existing, "x");

        var noMatter = await Run("archive", "export", "--out", Path.Combine(output.Path, "a.zip"));
        var taken = await Run("archive", "export", "--matter", "ORR-41", "--out", existing);

        noMatter.Exit.Should().NotBe(0);
        noMatter.Error.Should().Contain("--matter");
        taken.Exit.Should().Be(2);
        taken.Error.Should().Be($"mailfilter: {existing} already exists: an export never replaces a package; choose another --out\n");
    }
}
