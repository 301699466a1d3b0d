namespace MailFilter.Rules.Facts;

/// <summary>
/// The one place a message's direction is decided, from the organisation's domains, the envelope and the client.
/// The sender is an employee when the client is trusted (a trusted network or an authenticated session) or, when no
/// client is known (a file scanned without <c>--client-ip</c>), when the sender's address is local; a local sender
/// address from an untrusted client is outside mail. An employee writing only to local recipients is internal,
/// otherwise outbound; everything else is inbound. A domain covers its subdomains.
/// </summary>
public sealed class DirectionResolver(IEnumerable<string> localDomains)
{
    readonly HashSet<string> domains = new(localDomains.Select(d => d.Trim().ToLowerInvariant()), StringComparer.Ordinal);

    public bool IsLocal(string address)
    {
        var domain = AddressText.Domain(address);
        if (domain.Length == 0)
            return false;
        if (domains.Contains(domain))
            return true;
        foreach (var local in domains)
            if (domain.EndsWith("." + local, StringComparison.Ordinal))
                return true;
        return false;
    }

    public MessageDirection Resolve(string sender, IReadOnlyList<string> recipients, ClientFacts? client)
    {
        var fromEmployee = client?.IsTrusted ?? IsLocal(sender);
        if (!fromEmployee)
            return MessageDirection.Inbound;
        return recipients.Count > 0 && recipients.All(IsLocal) ? MessageDirection.Internal : MessageDirection.Outbound;
    }
}
