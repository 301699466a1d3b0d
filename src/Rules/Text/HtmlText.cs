using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace MailFilter.Rules.Text;

/// <summary>
/// The text a reader of an HTML part would see: scripts, styles and elements hidden with inline CSS are left
/// out (spam hides word salad there), block elements end a line so words never run together.
/// </summary>
public static class HtmlText
{
    static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "template", "noscript", "svg", "object",
    };

    static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "tr", "td", "th", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "article", "header", "footer", "dd", "dt", "center", "title",
    };

    [ThreadStatic] static HtmlParser? parser;

    public static string Extract(string html)
    {
        parser ??= new HtmlParser(new HtmlParserOptions { IsScripting = false, IsKeepingSourceReferences = false });
        using var document = parser.ParseDocument(html);
        var builder = new StringBuilder(html.Length / 3);
        var root = (INode?)document.Body ?? document.DocumentElement;
        if (root is not null)
            Append(root, builder);
        return builder.ToString();
    }

    static void Append(INode node, StringBuilder builder)
    {
        var stack = new Stack<INode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is IText text)
            {
                builder.Append(text.Data);
                continue;
            }
            if (current is not IElement element)
                continue;
            if (Skipped.Contains(element.LocalName) || IsHidden(element))
            {
                builder.Append(' ');
                continue;
            }
            if (Blocks.Contains(element.LocalName))
                builder.Append('\n');
            for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
                stack.Push(child);
        }
    }

    static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden"))
            return true;
        var style = element.GetAttribute("style");
        if (style is null)
            return false;
        var compact = style.Replace(" ", "", StringComparison.Ordinal);
        return compact.Contains("display:none", StringComparison.OrdinalIgnoreCase)
               || compact.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase)
               || compact.Contains("font-size:0", StringComparison.OrdinalIgnoreCase);
    }
}
