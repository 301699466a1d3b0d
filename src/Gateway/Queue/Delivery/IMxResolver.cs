namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>Finds the hosts that accept mail for a domain, best first.</summary>
public interface IMxResolver
{
    Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken);
}
