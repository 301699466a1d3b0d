namespace MailFilter.Rules.Facts;

/// <summary>
/// How much of a message the scan reads. A hostile message can nest MIME parts thousands deep, carry thousands
/// of parts, or decode to gigabytes; past any limit the scan stops reading and says so ("scan incomplete").
/// </summary>
public sealed record ExtractionLimits
{
    /// <summary>Nesting of multiparts, attached messages and TNEF.</summary>
    public int MaxMimeDepth { get; init; } = 16;

    public int MaxParts { get; init; } = 256;

    /// <summary>Total decoded text read from all parts.</summary>
    public long MaxDecodedBytes { get; init; } = 4 * 1024 * 1024;

    public static ExtractionLimits Default { get; } = new();
}
