using System.ComponentModel.DataAnnotations;
using MailFilter.Gateway.Records.Indexing;

namespace MailFilter.Gateway.Records;

/// <summary>Where the archive lives, the organisation's time zone for dates a clerk types, and the index's reading limits. Section "Records".</summary>
public sealed class RecordsOptions : IValidatableObject
{
    public const string Section = "Records";

    /// <summary>
    /// Archive every accepted message (the default). Off: nothing is archived, and a finished queue entry is removed at once,
    /// as before the archive existed.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Most entries the archiver takes into one batch (one blob commit, one records transaction). Under load batches fill
    /// up on their own; alone, a message is a batch of one.
    /// </summary>
    [Range(1, 10_000)]
    public int ArchiveBatchSize { get; set; } = 256;

    /// <summary>
    /// How long the archiver lets a batch fill after its first entry arrives (unless it is full sooner). Fewer, larger
    /// batches mean fewer syncs competing with the queue's own (each batch syncs its blobs, their directories and the
    /// database once); a message is archived this much later. 0: take whatever is waiting at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan ArchiveBatchDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The longest wait between retries after the archive failed (disk full, a database error): the wait doubles from
    /// one second up to this. Entries wait in the queue meanwhile; nothing is lost and no reply is changed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ArchiveRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The nice value of the archiver's thread (Linux; 0–19): its reading, parsing, indexing and database writes yield the
    /// CPU to the SMTP sessions and to delivery, and use what they leave. Under a load that keeps every core busy the
    /// archive then falls behind (entries wait in the queue, /healthz says so) and catches up when the load eases.
    /// 0: the same priority as the rest of the gateway.
    /// </summary>
    [Range(0, 19)]
    public int ArchiverNiceness { get; set; } = 10;

    /// <summary>/healthz says the archive is behind (degraded) once an entry has waited this long for it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ArchiveBehindAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The archive directory (records.db, blobs/); empty means DATA/archive. Relative paths are from the working directory.</summary>
    public string Directory { get; set; } = "";

    /// <summary>
    /// The IANA time zone (e.g. America/Chicago) in which <c>--since</c>/<c>--until</c> dates are read and exports print
    /// local times; empty means the machine's zone. Records keep UTC.
    /// </summary>
    public string TimeZone { get; set; } = "";

    /// <summary>zstd level for stored messages: 3 is fast and about halves text mail; up to 19 is smaller and slower.</summary>
    [Range(1, 19)]
    public int CompressionLevel { get; set; } = 3;

    /// <summary>How much of each attached PDF or Office file the index reads.</summary>
    public AttachmentExtractionLimits Extraction { get; set; } = new();

    public string FullDirectory(string dataDirectory) =>
        Directory.Length == 0 ? Path.Combine(Path.GetFullPath(dataDirectory), "archive") : Path.GetFullPath(Directory);

    public TimeZoneInfo ResolveTimeZone() =>
        TimeZone.Length == 0 ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeZone.Length > 0 && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return new ValidationResult($"Records:TimeZone '{TimeZone}' is not a time zone this machine knows (use an IANA name, e.g. America/Chicago)", [nameof(TimeZone)]);
        var limits = new List<ValidationResult>();
        if (!Validator.TryValidateObject(Extraction, new ValidationContext(Extraction), limits, validateAllProperties: true))
            foreach (var result in limits)
                yield return new ValidationResult($"Records:Extraction: {result.ErrorMessage}", result.MemberNames.Select(m => $"{nameof(Extraction)}.{m}"));
    }
}
