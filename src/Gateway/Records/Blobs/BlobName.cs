namespace MailFilter.Gateway.Records.Blobs;

/// <summary>Blob names: 64 lower-case hex digits of SHA-256, nothing else, so a name is always a safe path segment.</summary>
public static class BlobName
{
    public const int Length = 64;

    public static bool IsValid(string? sha256) =>
        sha256 is { Length: Length } && sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>The name, lower-cased; throws when it is not a SHA-256 in hex.</summary>
    public static string Require(string sha256)
    {
        var name = sha256.Trim().ToLowerInvariant();
        if (!IsValid(name))
            throw new ArgumentException($"not a SHA-256 in hex: '{sha256}'", nameof(sha256));
        return name;
    }
}
