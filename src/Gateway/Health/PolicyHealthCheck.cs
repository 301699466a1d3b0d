using MailFilter.Gateway.Filtering;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailFilter.Gateway.Health;

/// <summary>The rules in force and the classifier's model, with their versions; a refused rules change makes it degraded.</summary>
public sealed class PolicyHealthCheck(PolicyRules rules, IEnumerable<RulesScoreSource> scoreSources) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = rules.Current;
        var data = new Dictionary<string, object>
        {
            ["rulesVersion"] = current.Version,
            ["rules"] = current.Rules.Count,
            ["rulesDirectory"] = rules.Directory,
        };
        foreach (var source in scoreSources)
            data[source.Name] = source.ModelVersion;
        if (rules.LastRefusal is { } refusal)
            return Task.FromResult(HealthCheckResult.Degraded($"a rules change was refused, version {current.Version} stays in force: {refusal}", data: data));
        return Task.FromResult(HealthCheckResult.Healthy($"{current.Rules.Count} rules, version {current.Version}", data));
    }
}
