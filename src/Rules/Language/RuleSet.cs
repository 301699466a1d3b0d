using MailFilter.Rules.Facts;

namespace MailFilter.Rules.Language;

/// <summary>A loaded, validated, merged set of rules: shipped packs plus site overrides. Immutable.</summary>
public sealed class RuleSet
{
    public required IReadOnlyList<Rule> Rules { get; init; }

    public required IReadOnlyDictionary<string, CategoryThresholds> Thresholds { get; init; }

    public required IReadOnlyList<Exemption> Exemptions { get; init; }

    /// <summary>Named groups of addresses and domains; <c>local_domains</c> is the organisation's domains, given to the loader.</summary>
    public required IReadOnlyDictionary<string, IReadOnlySet<string>> Groups { get; init; }

    /// <summary>A short hash of every file read, so a verdict says exactly which rules judged it.</summary>
    public required string Version { get; init; }

    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Things worth an admin's attention that do not stop loading (an expired exemption).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public const string LocalDomainsGroup = "local_domains";

    /// <summary>The example organisation's domain: rule examples and the shipped samples are written for it.</summary>
    public const string ExampleDomain = "city.example";

    public IEnumerable<string> LocalDomains =>
        Groups.TryGetValue(LocalDomainsGroup, out var domains) ? domains : [];

    DirectionResolver? directions;

    /// <summary>Tells local addresses from outside ones, by <c>local_domains</c>.</summary>
    public DirectionResolver Directions => directions ??= new DirectionResolver(LocalDomains);

    public CategoryThresholds ThresholdsFor(string category) =>
        Thresholds.TryGetValue(category, out var thresholds) ? thresholds : CategoryThresholds.Default;

    public Rule? Find(string id) => Rules.FirstOrDefault(r => r.Id == id);
}
