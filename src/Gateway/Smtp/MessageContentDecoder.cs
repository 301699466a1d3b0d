using System.Buffers;

namespace MailFilter.Gateway.Smtp;

/// <summary>
/// Turns the wire bytes of DATA (dot-stuffed, ended by CRLF "." CRLF) or of BDAT chunks (raw) into message
/// content, streaming and without allocating. It ends DATA only on CRLF "." CRLF — never on a "." line
/// after a bare LF or bare CR — so no smuggled end-of-data can start a second message. It unstuffs the
/// leading dot of every line that begins after CRLF (the first line too), applies the
/// <see cref="BareLineEndingPolicy"/>, and counts size and line length, discarding the rest of a message
/// once it breaks a limit (the input is still consumed, so the session stays in step with the client).
/// </summary>
internal sealed class MessageContentDecoder(long maxMessageSizeBytes, int maxLineLengthOctets, BareLineEndingPolicy bareLineEndings)
{
    /// <summary>The most a single step writes: "." then CRLF.</summary>
    const int MaxStepOctets = 3;

    enum Place { LineStart, AfterLeadingDot, AfterLeadingDotCr, InLine, AfterCr }

    Place _place;
    bool _dotStuffed;
    long _lineLengthOctets;

    /// <summary>Content octets produced so far (after unstuffing and normalising).</summary>
    public long ContentOctets { get; private set; }

    public bool SizeExceeded { get; private set; }

    public bool HasBareLineEnding { get; private set; }

    public bool LineTooLong { get; private set; }

    /// <summary>The message will be refused or was abandoned: content is consumed but no longer produced.</summary>
    public bool IsDiscarding { get; private set; }

    /// <summary>Starts a new message: <paramref name="dotStuffed"/> for DATA, false for BDAT.</summary>
    public void Reset(bool dotStuffed)
    {
        _dotStuffed = dotStuffed;
        _place = dotStuffed ? Place.LineStart : Place.InLine;
        _lineLengthOctets = 0;
        ContentOctets = 0;
        SizeExceeded = HasBareLineEnding = LineTooLong = IsDiscarding = false;
    }

    /// <summary>Stop producing content (the receiver failed); input is still consumed.</summary>
    public void Discard() => IsDiscarding = true;

    /// <summary>Decodes from <paramref name="input"/> into <paramref name="output"/> until input runs out, output is full, or DATA ends.</summary>
    public ContentDecodeStatus Decode(ref SequenceReader<byte> input, Span<byte> output, out int written)
    {
        written = 0;
        while (true)
        {
            if (!IsDiscarding && output.Length - written < MaxStepOctets)
                return ContentDecodeStatus.OutputFull;
            if (!input.TryPeek(out var next))
                return ContentDecodeStatus.NeedMoreInput;
            switch (_place)
            {
                case Place.InLine:
                    CopyRun(ref input, output, ref written);
                    break;
                case Place.AfterCr:
                    if (next == '\n')
                    {
                        input.Advance(1);
                        Emit("\r\n"u8, output, ref written);
                        EndLine(_dotStuffed ? Place.LineStart : Place.InLine);
                    }
                    else
                    {
                        BareLineEnding(output, ref written);
                    }
                    break;
                case Place.LineStart:
                    if (next == '.')
                    {
                        input.Advance(1);
                        _place = Place.AfterLeadingDot;
                    }
                    else
                    {
                        _place = Place.InLine;
                    }
                    break;
                case Place.AfterLeadingDot:
                    if (next == '\r')
                    {
                        input.Advance(1);
                        _place = Place.AfterLeadingDotCr;
                    }
                    else
                    {
                        // A stuffed dot is dropped. "." before a bare LF was never stuffed (it has the shape of a
                        // smuggled end of data): it is kept as content, and the bare LF handled as such.
                        if (next == '\n')
                            Emit("."u8, output, ref written);
                        _lineLengthOctets = 1;
                        _place = Place.InLine;
                    }
                    break;
                case Place.AfterLeadingDotCr:
                    if (next == '\n')
                    {
                        input.Advance(1);
                        return ContentDecodeStatus.EndOfData;
                    }
                    Emit("."u8, output, ref written);
                    BareLineEnding(output, ref written);
                    break;
            }
        }
    }

    /// <summary>BDAT LAST: a CR left at the very end of the content is a bare CR.</summary>
    public void Finish(Span<byte> output, out int written)
    {
        written = 0;
        if (_place == Place.AfterCr)
            BareLineEnding(output, ref written);
    }

    void CopyRun(ref SequenceReader<byte> input, Span<byte> output, ref int written)
    {
        var span = input.UnreadSpan;
        var lineEnd = span.IndexOfAny((byte)'\r', (byte)'\n');
        if (lineEnd == 0)
        {
            input.Advance(1);
            if (span[0] == '\r')
                _place = Place.AfterCr;
            else
                BareLineEnding(output, ref written);
            return;
        }
        var run = lineEnd < 0 ? span.Length : lineEnd;
        if (!IsDiscarding)
            run = Math.Min(run, output.Length - written - 2);
        _lineLengthOctets += run;
        if (_lineLengthOctets + 2 > maxLineLengthOctets)
        {
            LineTooLong = true;
            IsDiscarding = true;
        }
        Emit(span[..run], output, ref written);
        input.Advance(run);
    }

    void BareLineEnding(Span<byte> output, ref int written)
    {
        HasBareLineEnding = true;
        if (bareLineEndings == BareLineEndingPolicy.Reject)
            IsDiscarding = true;
        Emit("\r\n"u8, output, ref written);
        EndLine(Place.InLine);
    }

    void EndLine(Place next)
    {
        _lineLengthOctets = 0;
        _place = next;
    }

    void Emit(ReadOnlySpan<byte> content, Span<byte> output, ref int written)
    {
        if (IsDiscarding)
            return;
        ContentOctets += content.Length;
        if (ContentOctets > maxMessageSizeBytes)
        {
            SizeExceeded = true;
            IsDiscarding = true;
            return;
        }
        content.CopyTo(output[written..]);
        written += content.Length;
    }
}
