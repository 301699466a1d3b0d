namespace MailFilter.Classifier.Feedback;

/// <summary>What a compliance officer decided about a held message.</summary>
public enum ReviewVerdict
{
    /// <summary>Released: the message is not harassment (a negative example).</summary>
    ReleasedAsNotHarassment,

    /// <summary>Confirmed: the message is harassment (a positive example).</summary>
    ConfirmedHarassment,
}
