namespace MailFilter.Gateway.Verdicts;

/// <summary>
/// How one category came out: its summed score, the thresholds it was held against for this message's direction
/// (null: that action never applies), the action it earned, and the exemption that set it to pass, if one did.
/// </summary>
public sealed record CategoryResult(double Score, VerdictAction Action, double? Tag, double? Quarantine, double? Reject, string? ExemptedBy = null);
