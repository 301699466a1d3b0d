namespace MailFilter.Rules.MassMailing;

/// <summary>
/// A bounded in-memory <see cref="ISimilarContentCounter"/>: a window of recent messages per sender, oldest
/// dropped first, at most <paramref name="maxMessagesPerSender"/> kept per sender and <paramref name="maxSenders"/> senders.
/// </summary>
public sealed class InMemorySimilarContentCounter(TimeSpan window, int maxMessagesPerSender = 512, int maxSenders = 10_000)
    : ISimilarContentCounter
{
    sealed record Seen(ContentFingerprint Fingerprint, string[] Recipients, DateTimeOffset At);

    readonly Dictionary<string, LinkedList<Seen>> bySender = new(StringComparer.OrdinalIgnoreCase);
    readonly Lock gate = new();

    public TimeSpan Window { get; } = window;

    public int Observe(string sender, ContentFingerprint fingerprint, IReadOnlyCollection<string> recipients, DateTimeOffset at)
    {
        Seen[] recent;
        lock (gate)
        {
            if (!bySender.TryGetValue(sender, out var seen))
            {
                if (bySender.Count >= maxSenders)
                    DropStaleSenders(at);
                bySender[sender] = seen = new LinkedList<Seen>();
            }
            while (seen.First is { } oldest && (at - oldest.Value.At > Window || seen.Count >= maxMessagesPerSender))
                seen.RemoveFirst();
            seen.AddLast(new Seen(fingerprint, recipients.ToArray(), at));
            recent = [.. seen];
        }

        // Compared outside the lock: the comparisons are the costly part, and concurrent messages need not wait for them.
        var distinct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var message in recent)
            if (message.Fingerprint.IsSimilarTo(fingerprint))
                distinct.UnionWith(message.Recipients);
        return distinct.Count;
    }

    void DropStaleSenders(DateTimeOffset now)
    {
        foreach (var (sender, seen) in bySender.ToList())
            if (seen.Last is null || now - seen.Last.Value.At > Window)
                bySender.Remove(sender);
        if (bySender.Count >= maxSenders)
            bySender.Remove(bySender.Keys.First());
    }
}
