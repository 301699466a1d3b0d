namespace MailFilter.Rules.Facts;

/// <summary>What the gateway knows about the SMTP client that handed the message over.</summary>
/// <param name="Address">The client's IP address as text.</param>
/// <param name="HeloName">The EHLO/HELO name.</param>
/// <param name="AuthenticatedUser">The SASL identity, or null.</param>
/// <param name="IsTrusted">On a trusted network or authenticated: an employee's own mail server.</param>
public sealed record ClientFacts(string Address, string HeloName, string? AuthenticatedUser, bool IsTrusted);
