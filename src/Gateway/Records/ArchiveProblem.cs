namespace MailFilter.Gateway.Records;

/// <summary>One thing <c>archive verify</c> found: its kind, what it names (a record id and blob hash, or an audit seq) and why.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Target">The record id ("01J…") or the audit seq ("audit seq 17").</param>
/// <param name="Sha256">The blob, for blob problems.</param>
/// <param name="Description">A sentence for the auditor.</param>
public sealed record ArchiveProblem(ArchiveProblemKind Kind, string Target, string? Sha256, string Description)
{
    public override string ToString() => $"{Target}: {Description}";
}
