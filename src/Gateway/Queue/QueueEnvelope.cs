using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Queue;

/// <summary>
/// Everything the queue knows about an entry besides its bytes: stored after them in the entry's queue file
/// (<see cref="QueueFile"/>) and rewritten atomically (new file, fsync, rename) after a deferral.
/// </summary>
public sealed class QueueEnvelope
{
    /// <summary>The format this version writes. 2: the <c>format</c> field itself was added; the other fields are as in 1.</summary>
    public const int CurrentFormat = 2;

    /// <summary>
    /// The envelope's format version, written first. Absent (an entry written before the field existed) reads as 1,
    /// which is read as before. An entry of a newer format than <see cref="CurrentFormat"/> is not read (it goes to corrupt,
    /// kept for the newer version) rather than half understood. Every write stamps <see cref="CurrentFormat"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public int Format { get; set; } = 1;

    public required string Id { get; init; }

    public DateTimeOffset ArrivedAt { get; init; }

    public QueueClient Client { get; init; } = new();

    /// <summary>The reverse-path; empty for the null sender &lt;&gt; (bounces).</summary>
    public string Sender { get; init; } = "";

    public List<QueueRecipient> Recipients { get; init; } = [];

    /// <summary>inbound, outbound or internal: the verdict's direction.</summary>
    public string Direction { get; init; } = "unknown";

    /// <summary>7bit, 8bitmime or binarymime: the BODY= the client declared, passed on to the next hop.</summary>
    public string Body { get; init; } = "7bit";

    public bool SmtpUtf8 { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>The SHA-256 of the message bytes as received (lower-case hex), computed while they were spooled.</summary>
    public string? Sha256 { get; init; }

    public string? MessageId { get; init; }

    public string? Subject { get; init; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Why the last attempt did not finish the entry.</summary>
    public string? LastError { get; set; }

    /// <summary>True for a delivery status notification built by the gateway: it is never bounced itself.</summary>
    public bool IsBounce { get; init; }

    /// <summary>
    /// The operator whose delete finished the entry (written when a deleted entry waits in done for the archive), and
    /// when: the archive records the recipients still pending as deleted by them.
    /// </summary>
    public string? DeletedBy { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The policy's verdict, written with the envelope at commit; null reads as pass.</summary>
    public Verdict? Verdict { get; set; }

    public IEnumerable<QueueRecipient> Pending => Recipients.Where(r => r.Status == RecipientStatus.Pending);
}
