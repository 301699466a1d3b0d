using System.ComponentModel.DataAnnotations;

namespace MailFilter.Gateway.Filtering;

/// <summary>How messages are judged between end of data and the reply. Section "Filtering".</summary>
public sealed class FilteringOptions
{
    public const string Section = "Filtering";

    /// <summary>
    /// The longest the spool fsync, MIME parse and verdict may take before the client hears 451 4.3.0 (it retries
    /// later). Keep it well under the client's end-of-data timeout (RFC 5321 §4.5.3.2.6: 10 minutes).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Deepest MIME nesting parsed; a hostile message nesting multiparts thousands deep would otherwise cost
    /// stack and time on every parse (MimeKit ParserOptions.MaxMimeDepth).
    /// </summary>
    [Range(1, 1024)]
    public int MaxMimeDepth { get; set; } = 64;

    /// <summary>
    /// How many characters of a message's body the harassment classifier reads (subject included separately). The
    /// sender's own words come first; the cap keeps a 50 MB text body from costing seconds and hundreds of MB.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int ClassifierMaxTextChars { get; set; } = MailFilter.Classifier.Text.MessageText.DefaultMaxChars;

    /// <summary>
    /// Largest header section accepted, in bytes (measured while the message streams in; the message is then refused with
    /// 554 5.6.0). MimeKit's header parsing grows faster than linearly with one huge folded header — 1.1 MB cost 5 s of CPU
    /// and 8 GB of allocation — so a few such messages could pin every core. Postfix keeps 100 KB of headers by default.
    /// </summary>
    [Range(16 * 1024, 16 * 1024 * 1024)]
    public int MaxHeaderSectionBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Run with a rules folder that holds no rule at all. Off by default: an empty folder would pass every message
    /// unjudged, so the gateway refuses to start instead of running blind.
    /// </summary>
    public bool AllowEmptyPolicy { get; set; }

    /// <summary>Deepest nesting of address groups parsed in address headers (MimeKit ParserOptions.MaxAddressGroupDepth).</summary>
    [Range(1, 128)]
    public int MaxAddressGroupDepth { get; set; } = 3;
}
