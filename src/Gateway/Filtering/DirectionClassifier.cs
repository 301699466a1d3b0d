using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Filtering;

/// <summary>Tells inbound, outbound and internal mail apart from the envelope and the accepted domains (Smtp:AcceptedDomains).</summary>
public sealed class DirectionClassifier(IConfiguration configuration)
{
    readonly HashSet<string> acceptedDomains = new(
        configuration.GetSection("Smtp:AcceptedDomains").Get<string[]>() ?? [],
        StringComparer.OrdinalIgnoreCase);

    public MessageDirection Classify(SmtpEnvelope envelope)
    {
        if (acceptedDomains.Count == 0 || envelope.Recipients.Count == 0)
            return MessageDirection.Unknown;
        var allRecipientsLocal = envelope.Recipients.All(IsAccepted);
        if (!envelope.IsTrustedClient)
            return allRecipientsLocal ? MessageDirection.Inbound : MessageDirection.Unknown;
        return allRecipientsLocal && IsAccepted(envelope.ReversePath) ? MessageDirection.Internal : MessageDirection.Outbound;
    }

    bool IsAccepted(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && acceptedDomains.Contains(address[(at + 1)..]);
    }
}
