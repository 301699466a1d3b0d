using System.Text;

namespace MailFilter.Classifier.Data;

/// <summary>
/// Reads delimited records: CSV as RFC 4180 (quoted fields may hold delimiters, doubled quotes and line breaks),
/// TSV as plain tab-separated lines with no quoting — tweets in TSV files carry bare quote marks.
/// </summary>
public static class DelimitedReader
{
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader, char delimiter, bool quoted)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return quoted ? ReadQuoted(reader, delimiter) : ReadPlain(reader, delimiter);
    }

    public static char DelimiterFor(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".tsv" or ".tab" or ".txt" ? '\t' : ',';

    static IEnumerable<(int, string[])> ReadPlain(TextReader reader, char delimiter)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length > 0)
                yield return (lineNumber, line.Split(delimiter));
        }
    }

    static IEnumerable<(int, string[])> ReadQuoted(TextReader reader, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var lineNumber = 1;
        var recordLine = 1;
        var inQuotes = false;
        var atFieldStart = true;
        int next;
        while ((next = reader.Read()) >= 0)
        {
            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                        lineNumber++;
                    field.Append(c);
                }
                continue;
            }
            if (c == '"' && atFieldStart)
            {
                inQuotes = true;
                atFieldStart = false;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && reader.Peek() == '\n')
                    reader.Read();
                if (fields.Count > 0 || field.Length > 0)
                {
                    fields.Add(field.ToString());
                    yield return (recordLine, fields.ToArray());
                }
                fields.Clear();
                field.Clear();
                atFieldStart = true;
                lineNumber++;
                recordLine = lineNumber;
            }
            else
            {
                field.Append(c);
                atFieldStart = false;
            }
        }
        if (inQuotes)
            throw new InvalidDataException($"line {recordLine}: a quoted field is never closed");
        if (fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields.ToArray());
        }
    }
}
