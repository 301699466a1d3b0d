using MailFilter.Rules.Language;

namespace MailFilter.Rules.Evaluation;

/// <summary>One category's total, the thresholds it was held against, the action it earned, and any exemption.</summary>
public sealed record CategoryVerdict(
    string Category,
    double Score,
    CategoryThresholds Thresholds,
    PolicyAction Action,
    string? ExemptedBy);
