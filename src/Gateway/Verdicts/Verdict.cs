namespace MailFilter.Gateway.Verdicts;

/// <summary>
/// The one verdict document: what the gateway decided about a message and exactly why. <c>scan --json</c>, the queue
/// entry, the archive and the console all carry this record, serialised by <see cref="VerdictJson"/>, so a compliance
/// officer sees the same thing everywhere. Fields are added, never renamed (<see cref="CurrentVersion"/> counts additions
/// that change meaning). The names DESIGN.md gives <c>scan --json</c> (action, categories, scores, rules, classifier)
/// keep their meaning.
/// </summary>
public sealed record Verdict
{
    public const int CurrentVersion = 1;

    public static readonly Verdict Pass = new() { Action = VerdictAction.Pass, Reason = "no policy matched" };

    /// <summary>The contract version this document was written in.</summary>
    public int Version { get; init; } = CurrentVersion;

    public VerdictAction Action { get; init; }

    /// <summary>inbound, outbound or internal: who wrote the message to whom, as the policy saw it.</summary>
    public string Direction { get; init; } = "unknown";

    /// <summary>The categories whose score reached a threshold (their action is not pass), e.g. ["profanity"].</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Every category any rule scored in → its summed score.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();

    /// <summary>Every scored category → its score, thresholds, action and exemption.</summary>
    public IReadOnlyDictionary<string, CategoryResult> CategoryResults { get; init; } = new Dictionary<string, CategoryResult>();

    /// <summary>Every rule that fired, in evaluation order, with its evidence.</summary>
    public IReadOnlyList<VerdictRule> Rules { get; init; } = [];

    /// <summary>Scores from engines outside the rules by short name (<c>harassment</c> → probability), as DESIGN.md names them.</summary>
    public IReadOnlyDictionary<string, double> Classifier { get; init; } = new Dictionary<string, double>();

    /// <summary>The same scores in full: name as the rules see it, value, model version and what drove it.</summary>
    public IReadOnlyList<ExternalScore> External { get; init; } = [];

    /// <summary>Why the scan could not read the whole message (a limit was hit); empty when it read everything.</summary>
    public IReadOnlyList<string> Incomplete { get; init; } = [];

    /// <summary>One sentence for logs, replies and reviewers.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The policy clause behind the action, quoted in a reject reply.</summary>
    public string? PolicyReference { get; init; }

    /// <summary>The version of the rule set that judged, e.g. "3f2a9c0b41de"; "gateway" for mail the gateway made itself.</summary>
    public string RulesVersion { get; init; } = "";

    [System.Text.Json.Serialization.JsonIgnore]
    public string CategoryList => Categories.Count == 0 ? "none" : string.Join(",", Categories);
}
