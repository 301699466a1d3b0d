using System.ComponentModel.DataAnnotations;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>Where and how accepted mail leaves the gateway. Section "Delivery".</summary>
public sealed class DeliveryOptions : IValidatableObject
{
    public const string Section = "Delivery";

    /// <summary>
    /// Relay all mail (except routed domains) to this "host:port". Empty: use MX records if <see cref="UseMx"/>,
    /// otherwise write each message to DATA/outbox/&lt;id&gt;.eml.
    /// </summary>
    public string NextHop { get; set; } = "";

    /// <summary>Recipient domain → "host:port". "example.org" matches that domain; ".example.org" its subdomains.</summary>
    public Dictionary<string, string> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Deliver directly to the recipient domain's MX hosts when no route or next hop applies.</summary>
    public bool UseMx { get; set; }

    /// <summary>The port used for MX delivery.</summary>
    [Range(1, 65535)]
    public int MxPort { get; set; } = 25;

    /// <summary>
    /// Prefixed to the Subject of tagged messages on the way out ({categories} becomes e.g. "profanity,solicitation");
    /// empty: no prefix, the X-MailFilter-* headers alone mark them. The stored and archived bytes are never changed.
    /// </summary>
    [Required(AllowEmptyStrings = true)]
    public string TagSubjectPrefix { get; set; } = "[POLICY: {categories}]";

    /// <summary>The name the gateway gives in EHLO and in Received headers. Empty: the machine's host name.</summary>
    public string HostName { get; set; } = "";

    /// <summary>Simultaneous connections to one next hop; protects the next hop and keeps the gateway within its own share.</summary>
    [Range(1, 1000)]
    public int MaxConnectionsPerHop { get; set; } = 20;

    /// <summary>Messages sent over one connection before it is closed and a new one opened.</summary>
    [Range(1, 100000)]
    public int MaxMessagesPerConnection { get; set; } = 1000;

    /// <summary>An idle pooled connection older than this is closed instead of reused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ConnectionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for any one reply or network write of a next hop (RFC 5321 §4.5.3.2 suggests minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Entries delivered at the same time, across all next hops.</summary>
    [Range(1, 10000)]
    public int MaxConcurrentDeliveries { get; set; } = 20;

    /// <summary>On shutdown, how long delivery attempts already under way may run on before they are cut (and retried after restart).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Verify next hops' TLS certificates. Off by default: STARTTLS is used whenever offered (opportunistic TLS,
    /// RFC 7435, as MTAs do), and a LAN smart host typically has a self-signed certificate; turn it on to
    /// refuse delivery to a next hop whose certificate does not validate.
    /// </summary>
    public bool RequireValidCertificates { get; set; }

    public string EffectiveHostName => string.IsNullOrWhiteSpace(HostName) ? System.Net.Dns.GetHostName() : HostName;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NextHop.Length > 0 && !Delivery.NextHop.TryParse(NextHop, out _))
            yield return new ValidationResult($"Delivery:NextHop '{NextHop}' is not host:port", [nameof(NextHop)]);
        foreach (var (domain, hop) in Routes)
        {
            if (!Delivery.NextHop.TryParse(hop, out _))
                yield return new ValidationResult($"Delivery:Routes:{domain} '{hop}' is not host:port", [nameof(Routes)]);
        }
    }
}
