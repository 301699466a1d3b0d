namespace MailFilter.Gateway.Filtering;

/// <summary>
/// The outcome of judging one message, stored in the queue entry's envelope and shown to reviewers: the action,
/// the categories that reached their threshold, every rule that fired with its evidence, and why.
/// </summary>
public sealed record Verdict
{
    public static readonly Verdict Pass = new() { Action = VerdictAction.Pass, Reason = "no policy matched" };

    public VerdictAction Action { get; init; }

    /// <summary>Categories whose score reached a threshold, e.g. ["profanity"].</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Category → summed score.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<FiredRule> Rules { get; init; } = [];

    /// <summary>Scores from outside the rules (the harassment classifier), with what drove each.</summary>
    public IReadOnlyList<ExternalScore> ExternalScores { get; init; } = [];

    /// <summary>One sentence for logs, replies and reviewers.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The policy clause behind the action, quoted in a reject reply, e.g. "City AUP §4.2".</summary>
    public string? PolicyReference { get; init; }

    /// <summary>inbound, outbound, internal or unknown, as the policy saw it.</summary>
    public string Direction { get; init; } = "unknown";

    /// <summary>The policy (pack and version) that produced this verdict.</summary>
    public string Policy { get; init; } = "";

    [System.Text.Json.Serialization.JsonIgnore]
    public string CategoryList => Categories.Count == 0 ? "none" : string.Join(",", Categories);
}
