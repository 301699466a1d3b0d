using System.Net;

namespace MailFilter.Gateway.Smtp;

/// <summary>
/// No open relay: a recipient in an accepted domain is taken from anyone; any other recipient only from a
/// client on a trusted network (or, once AUTH exists, an authenticated one).
/// </summary>
internal sealed class SmtpRelayPolicy
{
    readonly HashSet<string> _acceptedDomains;
    readonly IPNetwork[] _trustedNetworks;

    public SmtpRelayPolicy(SmtpOptions options)
    {
        _acceptedDomains = new HashSet<string>(options.AcceptedDomains.Select(domain => domain.TrimEnd('.')), StringComparer.OrdinalIgnoreCase);
        _trustedNetworks = options.TrustedNetworks.Select(network => IPNetwork.Parse(network)).ToArray();
    }

    public string? FirstAcceptedDomain => _acceptedDomains.FirstOrDefault();

    public bool IsTrusted(IPAddress client)
    {
        if (client.IsIPv4MappedToIPv6)
            client = client.MapToIPv4();
        foreach (var network in _trustedNetworks)
            if (network.Contains(client))
                return true;
        return false;
    }

    public bool IsAcceptedDomain(string mailbox)
    {
        var at = mailbox.LastIndexOf('@');
        return at >= 0 && _acceptedDomains.Contains(mailbox[(at + 1)..].TrimEnd('.'));
    }

    public bool MayRelayTo(string mailbox, bool isTrustedClient) => isTrustedClient || IsAcceptedDomain(mailbox);
}
