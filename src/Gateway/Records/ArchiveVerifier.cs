using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Blobs;

namespace MailFilter.Gateway.Records;

/// <summary>
/// Proves the archive intact or names what is not: re-hashes every blob a record refers to (each blob once, however
/// many records share it) and walks the audit chain. Works through the interfaces, so it checks any backend.
/// </summary>
public sealed class ArchiveVerifier(IRecordStore records, IMessageBlobStore blobs, IAuditLog audit)
{
    public async Task<ArchiveVerification> VerifyAsync(AuditHead? knownHead, CancellationToken cancellationToken)
    {
        var problems = new List<ArchiveProblem>();
        long recordsChecked = 0, blobsChecked = 0;
        string? currentHash = null;
        var sharing = new List<string>();
        // References come ordered by hash: the records sharing a blob arrive together.
        await foreach (var reference in records.ListBlobReferencesAsync(cancellationToken))
        {
            recordsChecked++;
            if (reference.Sha256 != currentHash)
            {
                if (currentHash is not null)
                {
                    await CheckBlobAsync(currentHash, sharing, problems, cancellationToken);
                    blobsChecked++;
                }
                currentHash = reference.Sha256;
                sharing.Clear();
            }
            sharing.Add(reference.RecordId);
        }
        if (currentHash is not null)
        {
            await CheckBlobAsync(currentHash, sharing, problems, cancellationToken);
            blobsChecked++;
        }

        var chain = await audit.VerifyChainAsync(knownHead, cancellationToken);
        problems.AddRange(chain.Breaks.Select(ToProblem));
        return new ArchiveVerification(recordsChecked, blobsChecked, chain.EntriesChecked, chain.Head, problems);
    }

    async Task CheckBlobAsync(string sha256, List<string> recordIds, List<ArchiveProblem> problems, CancellationToken cancellationToken)
    {
        var condition = await blobs.VerifyAsync(sha256, cancellationToken);
        if (condition == BlobCondition.Intact)
            return;
        foreach (var id in recordIds)
            problems.Add(condition == BlobCondition.Missing
                ? new ArchiveProblem(ArchiveProblemKind.BlobMissing, id, sha256, $"the stored message {sha256} is missing")
                : new ArchiveProblem(ArchiveProblemKind.BlobAltered, id, sha256, $"the stored message {sha256} was altered: it no longer hashes to its name"));
    }

    static ArchiveProblem ToProblem(AuditChainBreak chainBreak) => new(
        chainBreak.Kind switch
        {
            AuditBreakKind.Altered => ArchiveProblemKind.AuditEntryAltered,
            AuditBreakKind.Removed => ArchiveProblemKind.AuditEntryRemoved,
            _ => ArchiveProblemKind.AuditChainBroken,
        },
        $"audit seq {chainBreak.Seq}",
        null,
        chainBreak.Description);
}
