namespace MailFilter.Gateway.Records.Import;

/// <summary>A message an import stored without being able to read it (unparseable), or could not store (failed): its id (if it got one), where it came from, and why.</summary>
/// <param name="Id">The archive id it was stored under; "" when it was not stored.</param>
/// <param name="Source">The file, or FILE#N for the Nth message of an mbox.</param>
/// <param name="Reason">What went wrong, in a sentence.</param>
public sealed record ImportProblem(string Id, string Source, string Reason)
{
    public override string ToString() => Id.Length > 0 ? $"{Id}  {Source}: {Reason}" : $"{Source}: {Reason}";
}
