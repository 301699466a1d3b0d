using System.IO.Pipelines;
using System.Text;

namespace MailFilter.Gateway.Smtp;

/// <summary>Writes replies straight into the output pipe, without building strings.</summary>
internal static class SmtpReplyWriter
{
    /// <summary>"code SP [enhanced-code SP] text CRLF".</summary>
    public static void Write(PipeWriter output, SmtpReply reply) => WriteLine(output, reply.Code, ' ', reply.EnhancedCode, reply.Text);

    /// <summary>A multi-line reply: "code-text" lines, the last one "code text" (RFC 5321 §4.2.1).</summary>
    public static void WriteLines(PipeWriter output, int code, IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
            WriteLine(output, code, i == lines.Count - 1 ? ' ' : '-', "", lines[i]);
    }

    static void WriteLine(PipeWriter output, int code, char separator, string enhancedCode, string text)
    {
        var span = output.GetSpan(4 + enhancedCode.Length + 1 + Encoding.UTF8.GetMaxByteCount(text.Length) + 2);
        code.TryFormat(span, out var written);
        span[written++] = (byte)separator;
        if (enhancedCode.Length > 0)
        {
            written += Encoding.ASCII.GetBytes(enhancedCode, span[written..]);
            span[written++] = (byte)' ';
        }
        written += Encoding.UTF8.GetBytes(text, span[written..]);
        span[written++] = (byte)'\r';
        span[written++] = (byte)'\n';
        output.Advance(written);
    }
}
