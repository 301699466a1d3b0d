namespace MailFilter.Gateway.Verdicts;

/// <summary>What the gateway does with a message once its verdict is known.</summary>
public enum VerdictAction
{
    /// <summary>Deliver unchanged (apart from trace headers).</summary>
    Pass,

    /// <summary>Deliver with a subject prefix and X-MailFilter-* headers naming the categories and rules.</summary>
    Tag,

    /// <summary>Accept and keep in the queue's hold state; never delivered until a reviewer releases it.</summary>
    Quarantine,

    /// <summary>Refuse with 550 5.7.1 naming the category and the policy; keep nothing.</summary>
    Reject,
}
