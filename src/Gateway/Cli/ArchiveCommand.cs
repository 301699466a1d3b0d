using System.CommandLine;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// <c>mailfilter archive search|show|raw|export|verify|coverage|import</c>: the records clerk's and the auditor's verbs
/// over the archive (DATA/archive). Each is parsing and printing around a Records service (<c>Records/Access</c>,
/// <c>Records/Export</c>, <c>Records/Import</c>), the same ones the console calls; each use is in the audit log.
/// </summary>
public static class ArchiveCommand
{
    public static Command Create()
    {
        var archive = new Command("archive", "Search, read, export, verify and import the archive of accepted mail (DATA/archive).");
        archive.Subcommands.Add(ArchiveSearchCommand.Create());
        archive.Subcommands.Add(ArchiveRecordCommands.Show());
        archive.Subcommands.Add(ArchiveRecordCommands.Raw());
        archive.Subcommands.Add(ArchiveExportCommand.Create());
        archive.Subcommands.Add(ArchiveIntegrityCommands.Verify());
        archive.Subcommands.Add(ArchiveIntegrityCommands.Coverage());
        archive.Subcommands.Add(ArchiveImportCommand.Create());
        return archive;
    }
}
