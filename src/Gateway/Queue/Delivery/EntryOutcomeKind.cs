namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>What an operator's operation did to one entry.</summary>
public enum EntryOutcomeKind
{
    /// <summary>Done: the entry is now in the state asked for.</summary>
    Changed,

    /// <summary>Nothing to do: the entry already was as asked (e.g. hold of a held entry).</summary>
    Unchanged,

    /// <summary>Not done: the operation does not apply to the entry in its state (e.g. release of an active entry).</summary>
    Refused,

    /// <summary>Not done: the entry left the queue before the operation reached it (delivered, bounced or deleted).</summary>
    AlreadyFinished,

    /// <summary>No entry has this id.</summary>
    NotFound,

    /// <summary>The operation failed on this entry (an I/O error, logged); the entry is where it was or in the state named.</summary>
    Failed,
}
