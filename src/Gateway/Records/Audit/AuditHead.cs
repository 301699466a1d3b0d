namespace MailFilter.Gateway.Records.Audit;

/// <summary>The head of the chain: the last entry's seq and hash. Kept outside the machine, it proves nothing was cut off the end.</summary>
public sealed record AuditHead(long Seq, string Hash)
{
    public override string ToString() => $"{Seq}:{Hash}";
}
