namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>A seekable stream of 78-character CRLF lines, generated on demand: a big message without holding it in memory.</summary>
public sealed class GeneratedTextStream(long length) : Stream
{
    static readonly byte[] Line = System.Text.Encoding.ASCII.GetBytes(
        string.Concat(Enumerable.Range(0, 76).Select(i => (char)('a' + i % 26))) + "\r\n");

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var total = (int)Math.Min(count, length - Position);
        for (var i = 0; i < total; i++)
            buffer[offset + i] = Line[(Position + i) % Line.Length];
        Position += total;
        return total;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => length + offset,
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
