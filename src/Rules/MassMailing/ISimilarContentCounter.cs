namespace MailFilter.Rules.MassMailing;

/// <summary>
/// Counts, per sender, the distinct recipients of near-identical content within a time window. The gateway
/// keeps one for its lifetime; a cluster would back it with a shared store.
/// </summary>
public interface ISimilarContentCounter
{
    /// <summary>Records one message and returns the distinct recipients of similar content from this sender in the window, this message's included.</summary>
    int Observe(string sender, ContentFingerprint fingerprint, IReadOnlyCollection<string> recipients, DateTimeOffset at);
}
