namespace MailFilter.Gateway.Records.Audit;

/// <summary>How the chain is broken at an entry.</summary>
public enum AuditBreakKind
{
    /// <summary>The entry's fields no longer hash to its stored hash: it was changed after it was written.</summary>
    Altered,

    /// <summary>Entries are missing: the seq jumps, or the chain ends before a known head.</summary>
    Removed,

    /// <summary>The entry's previous hash is not the stored hash of the entry before it (that one was rewritten with a new hash).</summary>
    Relinked,

    /// <summary>The entry at a known head's seq has another hash than the head kept elsewhere.</summary>
    HeadMismatch,
}
