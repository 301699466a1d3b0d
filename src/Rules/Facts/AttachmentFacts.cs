namespace MailFilter.Rules.Facts;

/// <summary>An attached file as the rules see it.</summary>
/// <param name="FileName">The file name, or "" when the part has none.</param>
/// <param name="ContentType">The MIME type, lower case ("application/pdf").</param>
/// <param name="SizeBytes">Decoded size (estimated from the encoded size for base64 and quoted-printable).</param>
/// <param name="Label">Where it sits in the message, for evidence.</param>
public sealed record AttachmentFacts(string FileName, string ContentType, long SizeBytes, string Label);
