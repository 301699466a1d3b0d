namespace MailFilter.Gateway.Records.Blobs;

/// <summary>A blob whose bytes do not hash to its name (altered on disk, or not the bytes a caller expected).</summary>
public sealed class BlobIntegrityException(string sha256, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The hash the blob is named by (or was expected to have).</summary>
    public string Sha256 { get; } = sha256;
}
