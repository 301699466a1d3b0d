namespace MailFilter.Rules.Facts;

/// <summary>Where a piece of text came from; rules choose which kinds they read with <c>in:</c>.</summary>
public enum TextKind
{
    Subject,
    Body,
    Attachment,
}
