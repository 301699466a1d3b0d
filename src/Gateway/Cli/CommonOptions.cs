using System.CommandLine;

namespace MailFilter.Gateway.Cli;

/// <summary>The options every verb takes, so that every verb works on the same stores and settings as <c>serve</c>.</summary>
public static class CommonOptions
{
    public static readonly Option<FileInfo?> Config = new("--config") { Description = "A JSON configuration file (same keys as appsettings.json)." };
    public static readonly Option<string?> Data = new("--data") { Description = "The data directory (queue, TLS certificate, outbox). Default: ./data" };
    public static readonly Option<string?> Rules = new("--rules") { Description = "The policy rules directory. Default: the shipped rules." };

    /// <summary>
    /// A setting given as <c>--Section:Key=value</c> (or <c>--Section:Key value</c>) on the command line; <see cref="Rewrite"/>
    /// turns those into this option so that every other unknown option is an error.
    /// </summary>
    public static readonly Option<string[]> Setting = new("--setting") { Description = "A setting KEY=VALUE, e.g. Smtp:AcceptedDomains:0=city.example (also written --Smtp:AcceptedDomains:0=city.example).", Hidden = true };

    public static void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Data);
        command.Options.Add(Rules);
        command.Options.Add(Setting);
    }

    /// <summary>Rewrites each <c>--Section:Key=value</c> or <c>--Section:Key value</c> into <c>--setting Section:Key=value</c>.</summary>
    public static string[] Rewrite(IReadOnlyList<string> args)
    {
        var rewritten = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            var equals = token.IndexOf('=');
            var name = equals < 0 ? token : token[..equals];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !name.Contains(':'))
            {
                rewritten.Add(token);
                continue;
            }
            var value = equals >= 0 ? token[(equals + 1)..] : i + 1 < args.Count ? args[++i] : "";
            rewritten.Add(Setting.Name);
            rewritten.Add($"{name[2..]}={value}");
        }
        return [.. rewritten];
    }

    /// <summary>
    /// Configuration from, lowest precedence first: embedded defaults, appsettings.json beside the executable,
    /// --config FILE, MAILFILTER_* environment variables, --Section:Key=value settings, and the verb's own options.
    /// </summary>
    public static IConfigurationBuilder AddGatewaySources(this IConfigurationBuilder configuration, ParseResult parse, IDictionary<string, string?>? verbValues = null)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        if (parse.GetValue(Config) is { } file)
            configuration.AddJsonFile(file.FullName, optional: false, reloadOnChange: true);
        configuration.AddEnvironmentVariables("MAILFILTER_");
        configuration.AddInMemoryCollection((parse.GetValue(Setting) ?? []).Select(setting =>
        {
            var equals = setting.IndexOf('=');
            return equals < 0 ? new KeyValuePair<string, string?>(setting, "") : new KeyValuePair<string, string?>(setting[..equals], setting[(equals + 1)..]);
        }));
        var values = new Dictionary<string, string?>(verbValues ?? new Dictionary<string, string?>());
        if (parse.GetValue(Data) is { } data) values[$"{GatewayOptions.Section}:{nameof(GatewayOptions.DataDirectory)}"] = data;
        if (parse.GetValue(Rules) is { } rules) values[$"{GatewayOptions.Section}:{nameof(GatewayOptions.RulesDirectory)}"] = rules;
        configuration.AddInMemoryCollection(values);
        return configuration;
    }
}
