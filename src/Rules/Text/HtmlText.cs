using System.Runtime.CompilerServices;
using System.Text;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;

namespace MailFilter.Rules.Text;

/// <summary>
/// The text a reader of an HTML part would see, read with AngleSharp's HTML tokenizer (entities decoded as a
/// browser does) without building a DOM: scripts, styles, the head and elements hidden with inline CSS or
/// the hidden attribute are left out (spam hides word salad there); block elements end a line so words
/// never run together.
/// </summary>
public static class HtmlText
{
    static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "template", "noscript", "svg", "object", "title",
    };

    static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "tr", "td", "th", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "article", "header", "footer", "dd", "dt", "center", "body",
    };

    static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Extract(string html)
    {
        var tokenizer = new HtmlTokenizer(new AngleSharp.Text.TextSource(html), HtmlEntityProvider.Resolver);
        var builder = new StringBuilder(html.Length / 3);
        string? skipping = null;
        var nesting = 0;
        while (true)
        {
            var token = tokenizer.Get();
            switch (token.Type)
            {
                case HtmlTokenType.EndOfFile:
                    return builder.ToString();
                case HtmlTokenType.Character when skipping is null:
                    builder.Append(token.Data);
                    break;
                case HtmlTokenType.StartTag:
                    var start = (HtmlTagToken)token;
                    if (skipping is not null)
                    {
                        if (string.Equals(start.Name, skipping, StringComparison.OrdinalIgnoreCase) && !start.IsSelfClosing)
                            nesting++;
                        else if (skipping == "head" && string.Equals(start.Name, "body", StringComparison.OrdinalIgnoreCase))
                            skipping = null; // a head left open ends where the body starts
                        break;
                    }
                    if (Blocks.Contains(start.Name))
                        builder.Append('\n');
                    if (!start.IsSelfClosing && !Void.Contains(start.Name) && (Skipped.Contains(start.Name) || IsHidden(start)))
                    {
                        skipping = start.Name.ToLowerInvariant();
                        nesting = 1;
                        builder.Append(' ');
                    }
                    break;
                case HtmlTokenType.EndTag:
                    var end = (HtmlTagToken)token;
                    if (skipping is not null)
                    {
                        if (string.Equals(end.Name, skipping, StringComparison.OrdinalIgnoreCase) && --nesting == 0)
                            skipping = null;
                    }
                    else if (Blocks.Contains(end.Name))
                    {
                        builder.Append('\n');
                    }
                    break;
            }
        }
    }

    static bool IsHidden(HtmlTagToken tag)
    {
        string? style = null;
        foreach (var attribute in tag.Attributes)
        {
            if (string.Equals(attribute.Name, "hidden", StringComparison.OrdinalIgnoreCase))
                return true;
            if (string.Equals(attribute.Name, "style", StringComparison.OrdinalIgnoreCase))
                style = attribute.Value;
        }
        if (style is null)
            return false;
        var compact = style.Replace(" ", "", StringComparison.Ordinal);
        return compact.Contains("display:none", StringComparison.OrdinalIgnoreCase)
               || compact.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase)
               || HasZeroFontSize(compact);
    }

    static bool HasZeroFontSize(string style)
    {
        var at = style.IndexOf("font-size:0", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            return false;
        var next = at + "font-size:0".Length;
        return next >= style.Length || !(char.IsAsciiDigit(style[next]) || style[next] == '.');
    }
}
