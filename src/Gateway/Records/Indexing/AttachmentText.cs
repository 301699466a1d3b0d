namespace MailFilter.Gateway.Records.Indexing;

/// <summary>What an extractor read from one file, and why it read nothing or not all of it (null: it read everything).</summary>
public sealed record AttachmentText(string Text, string? Gap)
{
    public static AttachmentText Skipped(string reason) => new("", reason);
}
