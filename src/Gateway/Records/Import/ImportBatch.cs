namespace MailFilter.Gateway.Records.Import;

/// <summary>A batch of an import, ready to store: each message with its record, and every hash the batch covered (duplicates within it too).</summary>
sealed record ImportBatch(IReadOnlyList<ImportBatch.Item> Items, IReadOnlySet<string> Shas)
{
    /// <param name="Message">The bytes.</param>
    /// <param name="Record">The record built from them.</param>
    /// <param name="UnreadableReason">Why MIME could not read the message, when it could not.</param>
    public sealed record Item(LoadedMessage Message, ArchiveRecord Record, string? UnreadableReason);
}
