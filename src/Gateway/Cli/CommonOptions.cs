using System.CommandLine;

namespace MailFilter.Gateway.Cli;

/// <summary>The options every verb takes, so that every verb works on the same stores as <c>serve</c>.</summary>
public static class CommonOptions
{
    public static readonly Option<FileInfo?> Config = new("--config") { Description = "A JSON configuration file (same keys as appsettings.json)." };
    public static readonly Option<string?> Data = new("--data") { Description = "The data directory (queue, records, TLS certificate). Default: ./data" };
    public static readonly Option<string?> Rules = new("--rules") { Description = "The policy rules directory. Default: the shipped rules." };

    public static void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Data);
        command.Options.Add(Rules);
    }

    /// <summary>
    /// Configuration from, lowest precedence first: embedded defaults, appsettings.json beside the executable,
    /// --config FILE, MAILFILTER_* environment variables, --Section:Key=value tokens, and the verb's own options.
    /// </summary>
    public static IConfigurationBuilder AddGatewaySources(this IConfigurationBuilder configuration, ParseResult parse, IDictionary<string, string?>? verbValues = null)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        if (parse.GetValue(Config) is { } file)
            configuration.AddJsonFile(file.FullName, optional: false, reloadOnChange: true);
        configuration.AddEnvironmentVariables("MAILFILTER_");
        configuration.AddCommandLine(parse.UnmatchedTokens.ToArray());
        var values = new Dictionary<string, string?>(verbValues ?? new Dictionary<string, string?>());
        if (parse.GetValue(Data) is { } data) values[$"{GatewayOptions.Section}:{nameof(GatewayOptions.DataDirectory)}"] = data;
        if (parse.GetValue(Rules) is { } rules) values[$"{GatewayOptions.Section}:{nameof(GatewayOptions.RulesDirectory)}"] = rules;
        configuration.AddInMemoryCollection(values);
        return configuration;
    }
}
