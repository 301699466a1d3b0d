namespace MailFilter.Gateway.Records;

/// <summary>
/// The text the full-text index holds for one message, by field: a search for a word looks in all of them, a field
/// search (<c>--from</c>, <c>--to</c>, <c>--subject</c>) in its own.
/// </summary>
/// <param name="Subject">The subject.</param>
/// <param name="From">The From header and the envelope sender: names and addresses.</param>
/// <param name="To">To, Cc and the envelope recipients: names and addresses.</param>
/// <param name="Body">The message's text parts (HTML reduced to text) and attached messages.</param>
/// <param name="Attachments">Text read from attached files: text files, PDF, Word, Excel, PowerPoint.</param>
public sealed record ArchiveSearchText(string Subject, string From, string To, string Body, string Attachments)
{
    public static readonly ArchiveSearchText Empty = new("", "", "", "", "");
}
