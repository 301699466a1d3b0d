namespace MailFilter.Gateway.Records.Audit;

/// <summary>One break in the audit chain: the seq it is found at, its kind, and a sentence for the auditor.</summary>
public sealed record AuditChainBreak(long Seq, AuditBreakKind Kind, string Description)
{
    public override string ToString() => $"audit seq {Seq}: {Description}";
}
