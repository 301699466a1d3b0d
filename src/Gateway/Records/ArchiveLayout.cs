namespace MailFilter.Gateway.Records;

/// <summary>Where the embedded archive keeps things under its directory (DATA/archive by default).</summary>
public static class ArchiveLayout
{
    /// <summary>The SQLite file: records, full-text index, audit log.</summary>
    public static string DatabasePath(string archiveDirectory) => Path.Combine(archiveDirectory, "records.db");

    /// <summary>The message blobs: blobs/ab/cd/&lt;sha256&gt;.zst.</summary>
    public static string BlobDirectory(string archiveDirectory) => Path.Combine(archiveDirectory, "blobs");
}
