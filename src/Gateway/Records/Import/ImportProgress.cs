namespace MailFilter.Gateway.Records.Import;

/// <summary>How far an import is, reported after each committed batch.</summary>
/// <param name="Messages">Messages read so far.</param>
/// <param name="Imported">Archived as new records.</param>
/// <param name="Duplicates">Skipped: their bytes (SHA-256) were already archived, or came twice.</param>
/// <param name="Unparseable">Archived by what could be known without reading them as MIME (listed at the end).</param>
/// <param name="Failed">Not archived: unreadable files (listed at the end).</param>
/// <param name="Bytes">Bytes of the messages read.</param>
/// <param name="Elapsed">Since the import started.</param>
/// <param name="Source">The file being read.</param>
public sealed record ImportProgress(long Messages, long Imported, long Duplicates, long Unparseable, long Failed, long Bytes, TimeSpan Elapsed, string Source)
{
    public double MessagesPerSecond => Elapsed.TotalSeconds > 0 ? Messages / Elapsed.TotalSeconds : 0;
}
