namespace MailFilter.Gateway.Records.Import;

/// <summary>
/// Ids of imported messages: <c>imp-</c> and the first 20 hex digits (80 bits) of the SHA-256 of their bytes. Queue ids
/// are 16 upper-case Crockford base32 characters with no dash, so the two can never collide; the same bytes imported
/// twice get the same id (the store keeps one). Should two different messages ever share the 80 bits, the second
/// gets the whole hash as its id.
/// </summary>
public static class ImportIds
{
    public const string Prefix = "imp-";
    const int HexDigits = 20;

    public static string For(string sha256) => Prefix + sha256[..HexDigits];

    public static string Full(string sha256) => Prefix + sha256;

    public static bool IsImported(string id) => id.StartsWith(Prefix, StringComparison.Ordinal);
}
