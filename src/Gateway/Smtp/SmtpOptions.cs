using System.ComponentModel.DataAnnotations;
using System.Net;

namespace MailFilter.Gateway.Smtp;

/// <summary>The SMTP listener and its limits. Section "Smtp". Every limit names the attack it stops.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    /// <summary>HOST:PORT to listen on ("[::1]:25", "0.0.0.0:25", "localhost:2525"). Port 0 picks a free port; <see cref="SmtpListener"/> tells which.</summary>
    [Required]
    public string Listen { get; set; } = "127.0.0.1:2525";

    /// <summary>The name in the greeting and the EHLO reply. Default: this machine's host name.</summary>
    public string ServerName { get; set; } = Dns.GetHostName();

    /// <summary>Recipient domains accepted from any client (exact match, case-insensitive).</summary>
    public List<string> AcceptedDomains { get; set; } = [];

    /// <summary>
    /// CIDR ranges whose clients may relay to any domain. Configuring the list replaces the default
    /// (loopback). Clients here are also exempt from <see cref="MaxConnectionsPerClientAddress"/>.
    /// </summary>
    public List<string> TrustedNetworks { get; set; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>Bare LF / bare CR inside content: normalise to CRLF, or reject the message (smuggling, non-canonical output).</summary>
    public BareLineEndingPolicy BareLineEndings { get; set; } = BareLineEndingPolicy.Normalize;

    /// <summary>
    /// Take MAIL FROM and RCPT TO only in the form RFC 5321 gives: a path in angle brackets and one space before
    /// each parameter. Off (the default), the forms real clients send are taken too, as Postfix does by default
    /// (strict_rfc821_envelopes = no): "MAIL FROM: a@b" and "MAIL FROM:&lt;a@b&gt;  SIZE=1". Junk after a path is
    /// refused either way. On: stops sloppy or hostile clients that probe how leniently addresses are parsed.
    /// </summary>
    public bool StrictEnvelopeSyntax { get; set; }

    /// <summary>
    /// Longest command line, CRLF included (RFC 5321 §4.5.3.1.4: 512). Longer lines get 500 5.5.2 and are
    /// skipped without being buffered: stops a client that grows the server's line buffer without end.
    /// </summary>
    [Range(512, 64 * 1024)]
    public int MaxCommandLineLengthOctets { get; set; } = 512;

    /// <summary>
    /// Longest line of message content, CRLF included. RFC 5321 §4.5.3.1.6 says 1000, but real senders
    /// exceed it now and then, so the default is a lenient 8 KiB; set 1000 to be strict. A longer line gets
    /// the message refused: stops lines built to overflow or split the line buffers of parsers and next hops.
    /// </summary>
    [Range(1000, 1024 * 1024)]
    public int MaxTextLineLengthOctets { get; set; } = 8 * 1024;

    /// <summary>
    /// Largest message, counted on the content as it streams in (not only the SIZE= a client declares):
    /// stops a client that fills the disk or the spool with one endless message.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxMessageSizeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Recipients per message; more get 452 4.5.3: stops one transaction fanning out to a whole directory.</summary>
    [Range(1, 100_000)]
    public int MaxRecipientsPerMessage { get; set; } = 1000;

    /// <summary>Open SMTP connections in total; more get 421: stops a connection flood exhausting memory and sockets.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 1000;

    /// <summary>
    /// Open connections from one client address outside <see cref="TrustedNetworks"/>: stops one host
    /// taking every connection slot.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerClientAddress { get; set; } = 50;

    /// <summary>Syntax, sequence and relay errors before the session is closed with 421 4.7.0: stops address probing and fuzzing.</summary>
    [Range(1, 10_000)]
    public int MaxErrorsPerSession { get; set; } = 20;

    /// <summary>
    /// Longest wait for a whole command line, from the first wait for it to its CRLF (RFC 5321 §4.5.3.2.7: at
    /// least 5 minutes for the next command). Not reset by each byte: stops idle clients, and clients that
    /// trickle a byte a second, holding connection slots.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait for more content during DATA or BDAT: stops a client that opens a message and stalls.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Slowest DATA or BDAT transfer kept up, in octets per second of waiting (Postfix's smtpd_min_data_rate, whose
    /// default this is): each octet received earns 1/rate seconds, each wait spends its time, never more than
    /// <see cref="DataTimeout"/> in hand. 0 turns it off. Stops clients that open a message and trickle it a byte
    /// a second — resetting <see cref="DataTimeout"/> each time — to hold connection slots for the whole
    /// <see cref="SessionTimeout"/>. 500 octets a second is 4 kbit/s: slower than any link mail comes over.
    /// </summary>
    [Range(0, 1_000_000_000)]
    public int MinDataRateOctetsPerSecond { get; set; } = 500;

    /// <summary>
    /// The time a DATA or BDAT request has before <see cref="MinDataRateOctetsPerSecond"/> counts against it:
    /// room for a slow start (TCP slow start, a client that builds the message as it sends).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest session, however busy: stops slow-drip clients that reset every idle timer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest TLS handshake after STARTTLS: stops clients that start a handshake and never finish it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Offer STARTTLS. With no certificate configured, a self-signed one is made under DATA/tls/.</summary>
    public bool StartTls { get; set; } = true;

    /// <summary>A PEM certificate (with <see cref="TlsKeyPath"/>, or the key in the same file) or a PFX/PKCS#12 file.</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="TlsCertificatePath"/>, when it is in a separate file.</summary>
    public string? TlsKeyPath { get; set; }

    /// <summary>The password of a PFX file or of an encrypted PEM key.</summary>
    public string? TlsCertificatePassword { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(ServerName) || ServerName.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            yield return new ValidationResult($"Smtp:ServerName '{ServerName}' must be one host name, without spaces", [nameof(ServerName)]);
        if (!SmtpListenAddress.TryParse(Listen, out _))
            yield return new ValidationResult($"Smtp:Listen '{Listen}' is not HOST:PORT (an IP address or localhost, and a port 0-65535)", [nameof(Listen)]);
        foreach (var network in TrustedNetworks)
            if (!IPNetwork.TryParse(network, out _))
                yield return new ValidationResult($"Smtp:TrustedNetworks entry '{network}' is not a CIDR range such as 10.0.0.0/8", [nameof(TrustedNetworks)]);
        foreach (var domain in AcceptedDomains)
            if (!SmtpGrammar.IsDomain(domain))
                yield return new ValidationResult($"Smtp:AcceptedDomains entry '{domain}' is not a domain name", [nameof(AcceptedDomains)]);
        if (TlsCertificatePath is { } certificate && !File.Exists(certificate))
            yield return new ValidationResult($"Smtp:TlsCertificatePath '{certificate}' does not exist", [nameof(TlsCertificatePath)]);
        if (TlsKeyPath is { } key && !File.Exists(key))
            yield return new ValidationResult($"Smtp:TlsKeyPath '{key}' does not exist", [nameof(TlsKeyPath)]);
    }
}
