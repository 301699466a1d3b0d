using System.ComponentModel.DataAnnotations;

namespace MailFilter.Gateway.Records.Indexing;

/// <summary>
/// How much work reading one attached file for the index may take. A hostile or merely huge attachment (a 10,000-page
/// scan, a zip bomb dressed as .xlsx, a PDF built to make a parser loop) stops at a limit; what was not read is
/// recorded as a coverage gap, so a clerk knows what a search could not see. Section "Records:Extraction".
/// </summary>
public sealed class AttachmentExtractionLimits
{
    /// <summary>Attachments larger than this (decoded) are not read: decoding them would hold them in memory.</summary>
    [Range(1, long.MaxValue)]
    public long MaxAttachmentBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>PDF pages (and PowerPoint slides) read per file; the rest is a recorded gap.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPages { get; set; } = 500;

    /// <summary>Characters of text kept per file; also caps how much an Office part may expand to.</summary>
    [Range(1, int.MaxValue)]
    public int MaxTextChars { get; set; } = 2_000_000;

    /// <summary>Time one file may take; checked between pages, so one pathological page can overrun it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attached files read per message.</summary>
    [Range(0, 10_000)]
    public int MaxAttachments { get; set; } = 50;
}
