namespace MailFilter.Gateway.Records.Indexing;

/// <summary>The text the index holds for a message and what it could not see.</summary>
public sealed record IndexedText(ArchiveSearchText Text, IReadOnlyList<CoverageGap> Coverage);
