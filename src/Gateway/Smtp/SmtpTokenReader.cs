using System.Text;

namespace MailFilter.Gateway.Smtp;

/// <summary>
/// A cursor over the bytes of one command line. Grammar methods take a checkpoint (<see cref="Position"/>)
/// and roll back to it when a production does not match, so a failed alternative consumes nothing.
/// </summary>
internal ref struct SmtpTokenReader(ReadOnlySpan<byte> text)
{
    readonly ReadOnlySpan<byte> _text = text;

    public int Position { get; set; }

    public readonly bool End => Position >= _text.Length;

    public readonly ReadOnlySpan<byte> Rest => _text[Position..];

    public readonly ReadOnlySpan<byte> Since(int checkpoint) => _text[checkpoint..Position];

    public readonly bool TryPeek(out byte value)
    {
        if (End)
        {
            value = 0;
            return false;
        }
        value = _text[Position];
        return true;
    }

    public bool TryTake(byte expected)
    {
        if (End || _text[Position] != expected)
            return false;
        Position++;
        return true;
    }

    /// <summary>Takes <paramref name="expected"/> (ASCII), ignoring case.</summary>
    public bool TryTakeIgnoreCase(ReadOnlySpan<byte> expected)
    {
        if (_text.Length - Position < expected.Length || !Ascii.EqualsIgnoreCase(_text.Slice(Position, expected.Length), expected))
            return false;
        Position += expected.Length;
        return true;
    }

    /// <summary>Takes the longest run of bytes matching <paramref name="predicate"/>; returns how many.</summary>
    public int TakeWhile(Func<byte, bool> predicate)
    {
        var start = Position;
        while (!End && predicate(_text[Position]))
            Position++;
        return Position - start;
    }
}
