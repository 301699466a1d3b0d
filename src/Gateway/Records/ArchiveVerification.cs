using MailFilter.Gateway.Records.Audit;

namespace MailFilter.Gateway.Records;

/// <summary>What a verification walked and everything it found wrong.</summary>
public sealed record ArchiveVerification(long RecordsChecked, long BlobsChecked, long AuditEntriesChecked, AuditHead AuditHead, IReadOnlyList<ArchiveProblem> Problems)
{
    public bool IsIntact => Problems.Count == 0;
}
