using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace MailFilter.Classifier.Text;

/// <summary>The text a person reads in a message: the subject and the body, text/plain preferred, HTML reduced to text.</summary>
public static class MessageText
{
    /// <summary>HTML elements whose content is never read as text.</summary>
    static readonly HashSet<HtmlTagId> Invisible = [HtmlTagId.Script, HtmlTagId.Style, HtmlTagId.Head, HtmlTagId.Title];

    /// <summary>Elements after which a reader sees a line break.</summary>
    static readonly HashSet<HtmlTagId> LineBreaking =
    [
        HtmlTagId.Br, HtmlTagId.P, HtmlTagId.Div, HtmlTagId.LI, HtmlTagId.TR, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3,
        HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.BlockQuote, HtmlTagId.Table, HtmlTagId.HR,
    ];

    /// <summary>How much of a body is read by default: the sender's own words come first, and scoring is linear in length.</summary>
    public const int DefaultMaxChars = 256 * 1024;

    /// <summary>
    /// The subject and the first <paramref name="maxChars"/> characters of the body (HTML: of its source). A larger
    /// body is read only that far, so a 50 MB message costs no more time or memory than a 256 KB one.
    /// </summary>
    public static string Of(MimeMessage message, int maxChars = DefaultMaxChars)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChars);
        var body = ReadBody(message, TextFormat.Plain, maxChars);
        if (body is null && ReadBody(message, TextFormat.Html, maxChars) is { } html)
            body = FromHtml(html);
        var subject = message.Subject?.Trim();
        if (string.IsNullOrEmpty(subject))
            return body ?? "";
        // The subject is the sender's own words too; it stands as its own sentence above the body.
        return $"{StripReplyPrefixes(subject)}\n\n{body}";
    }

    /// <summary>
    /// The body in <paramref name="format"/> as MimeKit's GetTextBody picks it; but when the first such part's content
    /// is longer than <paramref name="maxChars"/> bytes, that part is decoded only up to that many characters.
    /// </summary>
    static string? ReadBody(MimeMessage message, TextFormat format, int maxChars)
    {
        var first = message.BodyParts.OfType<TextPart>().FirstOrDefault(part => (format == TextFormat.Plain ? part.IsPlain : part.IsHtml) && !part.IsAttachment);
        if (first?.Content?.Stream is not { CanSeek: true } content || content.Length <= maxChars)
            return message.GetTextBody(format);
        using var decoded = first.Content.Open();
        using var reader = new StreamReader(decoded, first.ContentType.CharsetEncoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        var buffer = new char[maxChars];
        var length = reader.ReadBlock(buffer, 0, maxChars);
        return new string(buffer, 0, length);
    }

    public static string FromHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length / 2);
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var hiddenDepth = 0;
        var quoteDepth = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when Invisible.Contains(tag.Id):
                    if (!tag.IsEmptyElement)
                        hiddenDepth = Math.Max(0, hiddenDepth + (tag.IsEndTag ? -1 : 1));
                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.BlockQuote:
                    // Quoted history in HTML mail sits in a blockquote; it becomes "> " lines, as in plain text.
                    quoteDepth = Math.Max(0, quoteDepth + (tag.IsEndTag ? -1 : 1));
                    text.Append('\n');
                    break;
                case HtmlTagToken tag when LineBreaking.Contains(tag.Id):
                    text.Append('\n');
                    break;
                case HtmlDataToken data when hiddenDepth == 0:
                    AppendData(text, WebUtility.HtmlDecode(data.Data), quoteDepth > 0);
                    break;
            }
        }
        return text.ToString();
    }

    static void AppendData(StringBuilder text, string data, bool quoted)
    {
        // In HTML a source line break is only white space; lines come from the elements.
        if (quoted && (text.Length == 0 || text[^1] == '\n'))
            text.Append("> ");
        text.Append(data.Replace('\r', ' ').Replace('\n', ' ').Replace('\u00a0', ' '));
    }

    static string StripReplyPrefixes(string subject)
    {
        var s = subject;
        while (true)
        {
            var trimmed = s.TrimStart();
            var colon = trimmed.IndexOf(':');
            if (colon is < 2 or > 3 || !trimmed[..colon].All(char.IsLetter))
                return trimmed;
            s = trimmed[(colon + 1)..];
        }
    }
}
