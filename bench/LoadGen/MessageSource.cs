using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MailFilter.Bench.LoadGen;

/// <summary>
/// Makes the messages of a run: generated ones of a given size, or the .eml files of a folder in turn.
/// Every message carries its unique id in <c>X-Bench-Id</c> (and, when generated, in Subject and
/// Message-ID), so the verifier can find losses and duplicates at the sink.
/// </summary>
public sealed class MessageSource
{
    // Plain municipal prose: the bench measures transport, so the filter should find nothing to act on.
    static readonly string[] Sentences =
    [
        "The facilities team will inspect the north annex roof on Tuesday morning.",
        "Please find the revised agenda for the planning commission work session.",
        "Water main flushing in district four is scheduled for the second week.",
        "The library board approved the extended summer reading hours.",
        "Minutes of the previous meeting are attached for your review.",
        "Parking lot resurfacing at the transit center begins after the holiday.",
        "The records retention schedule was updated to reflect the state guidance.",
        "Budget worksheets are due to the finance office by the end of the month.",
    ];

    readonly string _from;
    readonly string _rcpt;
    readonly string _runId;
    readonly List<(byte[] Content, byte[] Wire, string BodySha256)> _files = [];
    readonly byte[] _generatedBodyContent = [];
    readonly byte[] _generatedBodyWire = [];
    readonly string _generatedBodySha256 = "";

    public MessageSource(string runId, string from, string rcpt, long sizeBytes, string? emlDirectory)
    {
        _runId = runId;
        _from = from;
        _rcpt = rcpt;
        if (emlDirectory is not null)
        {
            foreach (var path in Directory.EnumerateFiles(emlDirectory, "*.eml").Order(StringComparer.Ordinal))
            {
                var content = Canonicalize(File.ReadAllBytes(path));
                _files.Add((content, DotStuff(content), Sha256(BodyOf(content))));
            }

            if (_files.Count == 0) throw new ArgumentException($"no .eml files in {emlDirectory}");
        }
        else
        {
            // The header is about 330 octets; the body fills the rest of the requested size.
            _generatedBodyContent = GenerateBody(Math.Max(64, sizeBytes - 330));
            _generatedBodyWire = DotStuff(_generatedBodyContent);
            _generatedBodySha256 = Sha256(_generatedBodyContent);
        }
    }

    public OutgoingMessage Create(long sequence)
    {
        var id = $"{_runId}-{sequence.ToString("D7", CultureInfo.InvariantCulture)}";
        if (_files.Count > 0)
        {
            var (content, wire, bodySha256) = _files[(int)(sequence % _files.Count)];
            var idHeader = Encoding.ASCII.GetBytes($"X-Bench-Id: {id}\r\n");
            return new OutgoingMessage(id, [idHeader, content], [idHeader, wire, Terminator], bodySha256);
        }

        var header = Encoding.ASCII.GetBytes(
            $"From: Bench Sender <{_from}>\r\n" +
            $"To: Bench Recipient <{_rcpt}>\r\n" +
            $"Subject: Bench message {id}\r\n" +
            $"Date: {DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}\r\n" +
            $"Message-ID: <{id}@bench.mailfilter.test>\r\n" +
            $"X-Bench-Id: {id}\r\n" +
            "MIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=us-ascii\r\n" +
            "Content-Transfer-Encoding: 7bit\r\n" +
            "\r\n");
        return new OutgoingMessage(id, [header, _generatedBodyContent], [header, _generatedBodyWire, Terminator], _generatedBodySha256);
    }

    static readonly byte[] Terminator = ".\r\n"u8.ToArray();

    static byte[] GenerateBody(long size)
    {
        var body = new StringBuilder((int)Math.Min(size + 128, int.MaxValue / 2));
        body.Append("Good morning,\r\n\r\n");
        // Lines that begin with a dot, and a line that is only a dot, test dot-stuffing both ways.
        body.Append(".. this line begins with a dot and must arrive with exactly one more dot than it has here.\r\n");
        body.Append(".\r\n");
        var index = 0;
        while (body.Length < size - 2)
        {
            var sentence = Sentences[index++ % Sentences.Length];
            body.Append(sentence).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(body.ToString());
    }

    /// <summary>Any line ending becomes CRLF, and the message ends with one; SMTP can carry nothing else.</summary>
    static byte[] Canonicalize(byte[] raw)
    {
        var output = new MemoryStream(raw.Length + raw.Length / 32 + 2);
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '\r')
            {
                output.Write("\r\n"u8);
                if (i + 1 < raw.Length && raw[i + 1] == '\n') i++;
            }
            else if (b == '\n')
            {
                output.Write("\r\n"u8);
            }
            else
            {
                output.WriteByte(b);
            }
        }

        if (output.Length < 2 || output.GetBuffer()[output.Length - 1] != '\n') output.Write("\r\n"u8);
        return output.ToArray();
    }

    /// <summary>RFC 5321 4.5.2: every line that begins with "." gets one more, the first line included.</summary>
    static byte[] DotStuff(byte[] content)
    {
        var output = new MemoryStream(content.Length + 64);
        var lineStart = true;
        foreach (var b in content)
        {
            if (lineStart && b == '.') output.WriteByte((byte)'.');
            output.WriteByte(b);
            lineStart = b == '\n';
        }

        return output.ToArray();
    }

    public static ReadOnlySpan<byte> BodyOf(ReadOnlySpan<byte> message)
    {
        var blank = message.IndexOf("\r\n\r\n"u8);
        return blank < 0 ? [] : message[(blank + 4)..];
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
