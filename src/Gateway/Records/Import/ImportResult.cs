using MailFilter.Gateway.Records.Audit;

namespace MailFilter.Gateway.Records.Import;

/// <summary>What an import did, the unparseable messages it stored and the ones it could not, and the audit entry that records it.</summary>
public sealed record ImportResult(
    long Messages,
    long Imported,
    long Duplicates,
    IReadOnlyList<ImportProblem> Unparseable,
    IReadOnlyList<ImportProblem> Failed,
    long Bytes,
    TimeSpan Elapsed,
    bool Interrupted,
    AuditEntry AuditEntry)
{
    public double MessagesPerSecond => Elapsed.TotalSeconds > 0 ? Messages / Elapsed.TotalSeconds : 0;
}
