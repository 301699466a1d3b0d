namespace MailFilter.Gateway.Records.Audit;

/// <summary>The outcome of walking the chain: how many entries, the head as found, and every break.</summary>
public sealed record AuditChainReport(long EntriesChecked, AuditHead Head, IReadOnlyList<AuditChainBreak> Breaks)
{
    public bool IsIntact => Breaks.Count == 0;
}
