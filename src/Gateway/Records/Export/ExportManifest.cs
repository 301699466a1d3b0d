using System.Globalization;
using System.Text;
using MailFilter.Gateway.Records.Access;

namespace MailFilter.Gateway.Records.Export;

/// <summary>
/// <c>manifest.csv</c>: one row per exported message — id, Message-ID, date (local and UTC), from, to, cc, subject,
/// size, SHA-256, file name. RFC 4180 (every field quoted, CRLF rows), UTF-8 with a byte-order mark so a spreadsheet
/// reads accents right. A value a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR: a subject
/// is written by a stranger) gets a leading apostrophe, which the statement explains; ids, hashes and file names never do.
/// </summary>
public sealed class ExportManifest
{
    public const string FileName = "manifest.csv";
    static readonly string[] Columns = ["id", "message_id", "date_local", "date_utc", "from", "to", "cc", "subject", "size_bytes", "sha256", "file"];

    readonly StringBuilder text = new();

    public ExportManifest() => Row(Columns);

    public int Count { get; private set; }

    public void Add(ArchiveRecord record, string fileName, TimeZoneInfo zone)
    {
        Row([
            record.Id,
            record.Headers.MessageId,
            LocalTimeInput.Format(record.ReceivedAt, zone),
            record.ReceivedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            record.Headers.From,
            string.Join("; ", record.Headers.To),
            string.Join("; ", record.Headers.Cc),
            record.Headers.Subject,
            record.SizeBytes.ToString(CultureInfo.InvariantCulture),
            record.Sha256,
            fileName,
        ]);
        Count++;
    }

    /// <summary>The file's bytes: BOM, header row, one row per message.</summary>
    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];

    void Row(IEnumerable<string> values)
    {
        text.Append(string.Join(',', values.Select(Field)));
        text.Append("\r\n");
    }

    static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
