namespace MailFilter.Gateway.Records.Audit;

/// <summary>
/// Checks a chain entry by entry, in seq order, in constant memory: any backend feeds it its rows. Each entry must
/// hash to its stored hash (else <see cref="AuditBreakKind.Altered"/>), follow the previous seq (else
/// <see cref="AuditBreakKind.Removed"/>) and carry the previous entry's stored hash (else <see cref="AuditBreakKind.Relinked"/>).
/// </summary>
public sealed class AuditChainWalk(AuditHead? knownHead)
{
    readonly List<AuditChainBreak> breaks = [];
    long expectedSeq = 1;
    long count;
    string previousHash = AuditChain.GenesisHash;
    string? hashAtKnownHead;

    public void Visit(AuditEntry entry)
    {
        count++;
        var gap = entry.Seq != expectedSeq;
        if (gap)
        {
            var missing = entry.Seq - 1 == expectedSeq ? $"entry {expectedSeq} was" : $"entries {expectedSeq} to {entry.Seq - 1} were";
            breaks.Add(new AuditChainBreak(expectedSeq, AuditBreakKind.Removed, $"{missing} removed (the chain goes from {expectedSeq - 1} to {entry.Seq})"));
        }
        if (AuditChain.Hash(entry) != entry.Hash)
            breaks.Add(new AuditChainBreak(entry.Seq, AuditBreakKind.Altered, "the entry was altered: its fields no longer hash to its stored hash"));
        if (!gap && entry.PreviousHash != previousHash)
            breaks.Add(new AuditChainBreak(entry.Seq, AuditBreakKind.Relinked,
                $"its previous hash is not the stored hash of entry {entry.Seq - 1}: that entry was rewritten"));
        if (knownHead is not null && entry.Seq == knownHead.Seq)
            hashAtKnownHead = entry.Hash;
        previousHash = entry.Hash;
        expectedSeq = entry.Seq + 1;
    }

    public AuditChainReport Finish()
    {
        var lastSeq = expectedSeq - 1;
        if (knownHead is { Seq: > 0 })
        {
            if (knownHead.Seq > lastSeq)
                breaks.Add(new AuditChainBreak(lastSeq + 1, AuditBreakKind.Removed,
                    $"the chain ends at {lastSeq}, before the known head {knownHead.Seq}: entries {lastSeq + 1} to {knownHead.Seq} were removed"));
            else if (hashAtKnownHead is null)
                breaks.Add(new AuditChainBreak(knownHead.Seq, AuditBreakKind.Removed, $"the entry of the known head {knownHead.Seq} was removed"));
            else if (hashAtKnownHead != knownHead.Hash)
                breaks.Add(new AuditChainBreak(knownHead.Seq, AuditBreakKind.HeadMismatch,
                    $"the entry's hash {hashAtKnownHead} is not the known head's {knownHead.Hash}: the chain was rewritten up to here"));
        }
        return new AuditChainReport(count, new AuditHead(lastSeq, previousHash), breaks);
    }
}
