namespace MailFilter.Gateway.Records.Import;

/// <summary>
/// Which message bytes the archive already holds a record of, by SHA-256 — whoever archived them (the gateway or an
/// earlier import). Import skips those as duplicates. Asks the records, not the blob store: a blob left without its
/// record by a crash mid-batch is not archived mail, and importing it again completes it.
/// </summary>
public interface IArchivedHashes
{
    Task<IReadOnlySet<string>> WhichAreArchivedAsync(IReadOnlyCollection<string> sha256s, CancellationToken cancellationToken);
}
