namespace MailFilter.Gateway.Records.Access;

/// <summary>Who is using the archive and for which request: what every audit entry of a search, view, export or import names.</summary>
/// <param name="Actor">The person or process, e.g. the OS user running the command, or the console's signed-in user.</param>
/// <param name="Matter">The records request or case number the work is done for (e.g. "ORR-2025-041"); null when none was given.</param>
public sealed record ArchiveAccess(string Actor, string? Matter = null)
{
    /// <summary>The matter, or "" when none was given (an audit entry's target when nothing more specific applies).</summary>
    public string MatterOrEmpty => Matter ?? "";
}
