namespace MailFilter.Gateway.Records.Import;

/// <summary>
/// One message found on disk: where its bytes lie (a whole .eml or Maildir file, or a slice of an mbox without its
/// "From " line and the blank line that separates it from the next), what its container says about it, and the time
/// to file it under when it has no readable Date header.
/// </summary>
/// <param name="Name">The file, or FILE#N for the Nth message of an mbox: what the summary and the audit log name.</param>
/// <param name="FilePath">The file holding it.</param>
/// <param name="Offset">Where its bytes start in the file.</param>
/// <param name="Length">How many bytes it has.</param>
/// <param name="EnvelopeSender">The sender an mbox "From " line names; "" otherwise.</param>
/// <param name="FallbackTime">The mbox "From " line's date, a Maildir file name's delivery time, or the file's modification time.</param>
public sealed record ImportSource(string Name, string FilePath, long Offset, long Length, string EnvelopeSender, DateTimeOffset FallbackTime);
