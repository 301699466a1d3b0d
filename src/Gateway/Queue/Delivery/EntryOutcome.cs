namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// The result of an operator's operation on one entry: the kind, the state the entry is in afterwards (null when it is
/// no longer queued), and a phrase for the operator ("held", "already delivered", "is active, not held").
/// </summary>
public sealed record EntryOutcome(string Id, EntryOutcomeKind Kind, QueueState? State, string Detail)
{
    /// <summary>True when the entry ends as the operator asked (changed now or already so).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Succeeded => Kind is EntryOutcomeKind.Changed or EntryOutcomeKind.Unchanged;
}
