namespace MailFilter.Gateway.Filtering;

/// <summary>Which way a message travels, known from the envelope and the client before the verdict.</summary>
public enum MessageDirection
{
    Unknown,

    /// <summary>From outside to an accepted domain.</summary>
    Inbound,

    /// <summary>From a trusted network or authenticated client to outside.</summary>
    Outbound,

    /// <summary>Both ends in accepted domains.</summary>
    Internal,
}
