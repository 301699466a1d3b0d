using MailFilter.Rules.Facts;

namespace MailFilter.Rules.Language;

/// <summary>
/// Scores at which a category's action steps up. The highest threshold reached wins (reject over quarantine
/// over tag); a threshold left out never applies; below every threshold the action is pass. A direction may
/// have thresholds of its own (campaign mail from outside is tagged, never held).
/// </summary>
public sealed record CategoryThresholds(double? Tag, double? Quarantine, double? Reject)
{
    public IReadOnlyDictionary<MessageDirection, CategoryThresholds> ByDirection { get; init; } =
        new Dictionary<MessageDirection, CategoryThresholds>();

    public CategoryThresholds For(MessageDirection direction) =>
        ByDirection.TryGetValue(direction, out var specific) ? specific : this;

    public PolicyAction ActionFor(double score)
    {
        if (Reject is { } reject && score >= reject) return PolicyAction.Reject;
        if (Quarantine is { } quarantine && score >= quarantine) return PolicyAction.Quarantine;
        if (Tag is { } tag && score >= tag) return PolicyAction.Tag;
        return PolicyAction.Pass;
    }

    public static CategoryThresholds Default { get; } = new(1, 5, null);
}
