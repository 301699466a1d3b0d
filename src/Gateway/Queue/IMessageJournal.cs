namespace MailFilter.Gateway.Queue;

/// <summary>
/// The step that makes an accepted message durable before its 250: the queue entry (bytes, envelope, verdict) is the
/// journal from which delivery — and the archive — take the message. Whatever joins the durable path joins it here.
/// </summary>
public interface IMessageJournal
{
    /// <summary>Commits the spooled entry with its envelope (the verdict set) and returns the state it went to (active or hold).</summary>
    Task<QueueState> CommitAsync(IncomingEntry entry, QueueEnvelope envelope, CancellationToken cancellationToken);
}
