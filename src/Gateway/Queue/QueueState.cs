namespace MailFilter.Gateway.Queue;

/// <summary>
/// The states of a queue entry. Each state is a directory under DATA/queue, and an entry changes state by one
/// atomic rename of its directory, so a crash leaves every entry in exactly one state.
/// </summary>
public enum QueueState
{
    /// <summary>Being received; never acknowledged with a 250. Leftovers are removed on start.</summary>
    Incoming,

    /// <summary>Acknowledged and waiting for (or under) a delivery attempt.</summary>
    Active,

    /// <summary>A delivery attempt failed transiently; waiting for its next attempt time.</summary>
    Deferred,

    /// <summary>Quarantined or held by an operator; never delivered until released.</summary>
    Hold,

    /// <summary>Unreadable or broken entries, kept for an operator instead of being dropped.</summary>
    Corrupt,

    /// <summary>
    /// Finished — delivered, bounced, or deleted by an operator — and waiting for the archive: the archiver records what
    /// became of it and only then removes it. Never delivered. (Without archiving, finished entries are removed at once.)
    /// </summary>
    Done,
}
