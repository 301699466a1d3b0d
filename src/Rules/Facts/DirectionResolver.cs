namespace MailFilter.Rules.Facts;

/// <summary>
/// Derives a message's direction from its addresses and client: internal when sender and every recipient are
/// in accepted domains; outbound when an employee (local sender or trusted client) writes outside; else inbound.
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
        var fromEmployee = IsLocal(sender) || client?.IsTrusted == true;
        if (!fromEmployee)
            return MessageDirection.Inbound;
        return recipients.Count > 0 && recipients.All(IsLocal) ? MessageDirection.Internal : MessageDirection.Outbound;
    }
}
