namespace MailFilter.Gateway.Queue.Requests;

/// <summary>The operations an operator may ask of the queue's owner.</summary>
public enum QueueOperation
{
    /// <summary>Stop delivering the entries until they are released (an attempt under way ends first).</summary>
    Hold,

    /// <summary>Put held entries back for delivery now.</summary>
    Release,

    /// <summary>Remove the entries from the queue, in any state (an attempt under way ends first).</summary>
    Delete,

    /// <summary>Make deferred entries due now: the ones named, or every deferred entry when none is named.</summary>
    Flush,
}
