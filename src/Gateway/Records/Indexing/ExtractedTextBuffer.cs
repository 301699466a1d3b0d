using System.Diagnostics;
using System.Text;

namespace MailFilter.Gateway.Records.Indexing;

/// <summary>Collects an extractor's text up to the character limit and watches its time limit.</summary>
sealed class ExtractedTextBuffer(AttachmentExtractionLimits limits)
{
    readonly StringBuilder text = new();
    readonly Stopwatch clock = Stopwatch.StartNew();

    public bool Full { get; private set; }

    public bool OutOfTime => clock.Elapsed > limits.MaxTime;

    /// <summary>Appends a piece and a line break; false once the limit is reached (the piece is cut there).</summary>
    public bool Append(string? piece)
    {
        if (Full || string.IsNullOrEmpty(piece))
            return !Full;
        var room = limits.MaxTextChars - text.Length;
        if (piece.Length + 1 > room)
        {
            text.Append(piece, 0, Math.Max(0, room));
            Full = true;
            return false;
        }
        text.Append(piece).Append('\n');
        return true;
    }

    public int Length => text.Length;

    public string LimitGap => $"text over the limit of {limits.MaxTextChars} characters: the rest was not indexed";

    public string TimeGap => $"reading took longer than {limits.MaxTime.TotalSeconds:0.#} s: the rest was not indexed";

    public override string ToString() => text.ToString();
}
