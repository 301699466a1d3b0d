using System.CommandLine;

namespace MailFilter.Gateway.Cli;

/// <summary>Which rules folder a verb uses: an explicit argument, else --rules / configuration, else the shipped rules beside the executable.</summary>
public static class RulesDirectoryResolver
{
    public static string Resolve(ParseResult parse, string? explicitDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
            return Path.GetFullPath(explicitDirectory);
        var configuration = new ConfigurationBuilder().AddGatewaySources(parse).Build();
        var configured = configuration[$"{GatewayOptions.Section}:{nameof(GatewayOptions.RulesDirectory)}"];
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "rules")
            : Path.GetFullPath(configured);
    }
}
