namespace MailFilter.Rules;

/// <summary>What the gateway does with a message. Ordered: a later value always wins over an earlier one.</summary>
public enum PolicyAction
{
    Pass = 0,
    Tag = 1,
    Quarantine = 2,
    Reject = 3,
}
