namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>The hosts to try for a domain, best first, or why there are none.</summary>
/// <param name="Hosts">MX exchanges by preference, or the domain itself when it has no MX (RFC 5321 §5.1).</param>
/// <param name="Failure">Why no host can be tried, as a reply text; null when <paramref name="Hosts"/> is usable.</param>
/// <param name="IsPermanent">The failure will not go away by waiting (no such domain, null MX).</param>
public sealed record MxResolution(IReadOnlyList<string> Hosts, string? Failure, bool IsPermanent);
