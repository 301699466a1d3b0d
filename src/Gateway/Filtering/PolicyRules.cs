using MailFilter.Rules.Language;
using Prometheus;

namespace MailFilter.Gateway.Filtering;

/// <summary>
/// The rule set in force, loaded from Gateway:RulesDirectory (default: the shipped rules beside the executable) with the
/// organisation's domains (Smtp:AcceptedDomains). When watched, a change to the folder is picked up without a restart,
/// and a change with errors is logged and ignored: the last good set stays.
/// </summary>
public sealed class PolicyRules : IDisposable
{
    static readonly Counter Reloads = Metrics.CreateCounter(
        "mailfilter_rules_reloads_total", "Reloads of the policy rules after a change to their folder, by result.", "result");

    readonly ReloadingRuleSet rules;
    string? lastRefusal;
    readonly ILogger logger;
    int reloadAttempts;

    /// <exception cref="RuleSetRefusedException">
    /// The rules do not load, or hold no rule while <paramref name="allowEmpty"/> is off: there is no policy to start with.
    /// </exception>
    public PolicyRules(string directory, IEnumerable<string> localDomains, bool watch, bool allowEmpty, ILogger logger)
    {
        this.logger = logger;
        Directory = directory;
        rules = new ReloadingRuleSet(directory, localDomains: localDomains);
        if (rules.Current.Rules.Count == 0 && !allowEmpty)
        {
            rules.Dispose();
            throw new RuleSetRefusedException([new RuleError(directory, 0, 0,
                "no policy rules in this folder: every message would pass unjudged (set Filtering:AllowEmptyPolicy=true to run so)")]);
        }
        logger.LogInformation("Policy rules {Version} loaded from {Directory}: {Count} rules", rules.Current.Version, directory, rules.Current.Rules.Count);
        foreach (var warning in rules.Current.Warnings)
            logger.LogWarning("Policy rules: {Warning}", warning);
        if (!watch)
            return;
        rules.Reloaded += OnReloaded;
        rules.StartWatching();
    }

    public string Directory { get; }

    public RuleSet Current => rules.Current;

    /// <summary>Why the last reload was refused (the first error), or null when the last reload succeeded or none was tried.</summary>
    public string? LastRefusal => Volatile.Read(ref lastRefusal);

    /// <summary>How many times the folder changed and a reload was tried (successful or not).</summary>
    public int ReloadAttempts => Volatile.Read(ref reloadAttempts);

    /// <summary>The rules folder a configuration names: Gateway:RulesDirectory, or the shipped rules beside the executable.</summary>
    public static string DirectoryFor(GatewayOptions options) => string.IsNullOrWhiteSpace(options.RulesDirectory)
        ? Path.Combine(AppContext.BaseDirectory, "rules")
        : Path.GetFullPath(options.RulesDirectory);

    void OnReloaded(RuleSetLoadResult result)
    {
        Interlocked.Increment(ref reloadAttempts);
        Reloads.WithLabels(result.Succeeded ? "loaded" : "refused").Inc();
        Volatile.Write(ref lastRefusal, result.Succeeded ? null : result.Errors[0].ToString());
        if (result.Succeeded)
        {
            logger.LogInformation("Policy rules reloaded: version {Version}, {Count} rules", result.RuleSet!.Version, result.RuleSet.Rules.Count);
            return;
        }
        foreach (var error in result.Errors)
            logger.LogError("Policy rules refused: {Error}", error.ToString());
        logger.LogError("Policy rules change ignored; version {Version} stays in force", rules.Current.Version);
    }

    public void Dispose() => rules.Dispose();
}
