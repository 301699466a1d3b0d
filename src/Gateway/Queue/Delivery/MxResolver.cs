using DnsClient;
using DnsClient.Protocol;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>Finds the mail exchangers of a recipient domain with DnsClient.</summary>
public sealed class MxResolver(ILookupClient dns) : IMxResolver
{
    public async Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await dns.QueryAsync(domain, QueryType.MX, QueryClass.IN, cancellationToken);
        }
        catch (DnsResponseException exception)
        {
            return new MxResolution([], $"451 4.4.3 DNS lookup of MX for {domain} failed: {exception.Code}", IsPermanent: false);
        }
        if (response.HasError)
        {
            var noSuchDomain = response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain;
            return noSuchDomain
                ? new MxResolution([], $"550 5.1.2 Domain {domain} does not exist", IsPermanent: true)
                : new MxResolution([], $"451 4.4.3 DNS lookup of MX for {domain} failed: {response.ErrorMessage}", IsPermanent: false);
        }
        var exchanges = response.Answers.MxRecords().OrderBy(record => record.Preference).ToList();
        if (exchanges.Count == 0)
            return new MxResolution([domain], null, IsPermanent: false);
        if (exchanges.Count == 1 && exchanges[0].Exchange.Value is "." or "")
            return new MxResolution([], $"556 5.1.10 Domain {domain} accepts no mail (null MX, RFC 7505)", IsPermanent: true);
        return new MxResolution(exchanges.Select(record => record.Exchange.Value.TrimEnd('.')).Where(host => host.Length > 0).ToList(), null, IsPermanent: false);
    }
}
