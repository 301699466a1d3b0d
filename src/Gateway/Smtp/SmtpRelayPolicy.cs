using System.Net;

namespace MailFilter.Gateway.Smtp;

/// <summary>
/// No open relay: a recipient in an accepted domain (or a subdomain of one) is taken from anyone; any other recipient
/// only from a client on a trusted network (or, once AUTH exists, an authenticated one).
/// </summary>
public sealed class SmtpRelayPolicy
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
        if (at < 0)
            return false;
        var domain = mailbox[(at + 1)..].TrimEnd('.');
        while (true)
        {
            if (_acceptedDomains.Contains(domain))
                return true;
            var dot = domain.IndexOf('.');
            if (dot < 0)
                return false;
            domain = domain[(dot + 1)..];
        }
    }

    public bool MayRelayTo(string mailbox, bool isTrustedClient) => isTrustedClient || IsAcceptedDomain(mailbox);
}
