namespace MailFilter.Rules.Facts;

/// <summary>Which way a message travels relative to the organisation's accepted domains.</summary>
public enum MessageDirection
{
    /// <summary>From outside to an accepted domain.</summary>
    Inbound,

    /// <summary>From an employee (trusted network, authenticated client or local sender) to outside.</summary>
    Outbound,

    /// <summary>Both ends in accepted domains.</summary>
    Internal,
}
