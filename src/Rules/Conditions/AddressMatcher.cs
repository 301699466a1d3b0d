using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Facts;

namespace MailFilter.Rules.Conditions;

/// <summary>Which addresses an address condition accepts: exact addresses, domains (and their subdomains), groups, locality.</summary>
public sealed record AddressMatcher(
    IReadOnlySet<string> Addresses,
    IReadOnlySet<string> Domains,
    IReadOnlyList<string> Groups,
    bool? Local)
{
    public bool Matches(EvaluationContext context, string address)
    {
        if (address.Length == 0)
            return false;
        if (Local is { } local)
        {
            var isLocal = context.RuleSet.Directions.IsLocal(address);
            if (isLocal != local)
                return false;
            if (Addresses.Count == 0 && Domains.Count == 0 && Groups.Count == 0)
                return true;
        }
        if (Addresses.Contains(address))
            return true;
        var domain = AddressText.Domain(address);
        foreach (var d in Domains)
            if (domain == d || domain.EndsWith("." + d, StringComparison.Ordinal))
                return true;
        foreach (var group in Groups)
            if (context.InGroup(group, address))
                return true;
        return false;
    }
}
