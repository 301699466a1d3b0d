using System.Text;

namespace MailFilter.Gateway.Records.Sqlite;

/// <summary>
/// Builds the FTS5 MATCH expression for a query. The clerk's text keeps FTS5 syntax (words, "phrases", OR, AND, NOT,
/// NEAR, parentheses, prefix*); a bare word with punctuation FTS5 would reject (alice@example.gov, e-mail, 2024/17) is
/// quoted into the phrase of its parts instead of failing. A field (<c>--from</c>, <c>--to</c>, <c>--subject</c>) is
/// always one phrase, restricted to its column.
/// </summary>
static class FullTextQuery
{
    static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "AND", "OR", "NOT", "NEAR" };

    public static string Build(ArchiveQuery query)
    {
        var terms = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Text))
            terms.Add($"({QuoteBareWordsWithPunctuation(query.Text)})");
        AddField(terms, "sender", query.From);
        AddField(terms, "recipients", query.To);
        AddField(terms, "subject", query.Subject);
        return string.Join(" AND ", terms);
    }

    static void AddField(List<string> terms, string column, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            terms.Add($"{column} : {Phrase(value.Trim())}");
    }

    /// <summary>A string as one FTS5 phrase: in double quotes, its own double quotes doubled.</summary>
    public static string Phrase(string value) => $"\"{value.Replace("\"", "\"\"")}\"";

    public static string QuoteBareWordsWithPunctuation(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                // A quoted phrase passes as written (an unbalanced quote is FTS5's error to report).
                var end = text.IndexOf('"', i + 1);
                while (end >= 0 && end + 1 < text.Length && text[end + 1] == '"')
                    end = text.IndexOf('"', end + 2);
                end = end < 0 ? text.Length - 1 : end;
                result.Append(text, i, end - i + 1);
                i = end + 1;
            }
            else if (char.IsWhiteSpace(c) || c is '(' or ')' or '*' or '^' or ':' or '+')
            {
                result.Append(c);
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"' or '*' or ':'))
                    i++;
                var word = text[start..i];
                result.Append(IsBareword(word) || Operators.Contains(word) ? word : Phrase(word));
            }
        }
        return result.ToString();
    }

    /// <summary>FTS5's bareword: letters and digits (any script), '_', and characters above U+007F.</summary>
    static bool IsBareword(string word) => word.All(c => c > '\u007f' || char.IsAsciiLetterOrDigit(c) || c == '_');
}
