namespace MailFilter.Gateway.Records;

/// <summary>A part of a message the search index could not see, and why ("encrypted PDF", "over the 200-page limit").</summary>
/// <param name="Part">Where in the message, e.g. "body > attachment minutes.pdf".</param>
/// <param name="Reason">Why it was not (fully) indexed.</param>
public sealed record CoverageGap(string Part, string Reason)
{
    public override string ToString() => $"{Part}: {Reason}";
}
