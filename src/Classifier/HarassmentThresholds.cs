namespace MailFilter.Classifier;

/// <summary>
/// The calibrated default thresholds for the shipped model (see MODEL.md for how they were chosen). The policy
/// pack <c>rules/harassment.yaml</c> carries the same numbers; sites change them there, not here.
/// </summary>
public static class HarassmentThresholds
{
    /// <summary>At or above: the message is tagged for the recipient's attention.</summary>
    public const double Tag = 0.98;

    /// <summary>At or above: the message is held for a compliance officer.</summary>
    public const double Quarantine = 0.999;
}
