using System.CommandLine;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Cli;

/// <summary>Which rules folder a verb uses (an explicit argument, else --rules / configuration, else the shipped rules), and the organisation's domains.</summary>
public static class RulesDirectoryResolver
{
    public static string Resolve(ParseResult parse, string? explicitDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
            return Path.GetFullPath(explicitDirectory);
        var configuration = new ConfigurationBuilder().AddGatewaySources(parse).Build();
        return PolicyRules.DirectoryFor(configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions());
    }

    /// <summary>Smtp:AcceptedDomains as configured: the domains the rules see as local.</summary>
    public static IReadOnlyList<string> LocalDomains(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder().AddGatewaySources(parse).Build();
        return configuration.GetSection($"{SmtpOptions.Section}:{nameof(SmtpOptions.AcceptedDomains)}").Get<string[]>() ?? [];
    }
}
