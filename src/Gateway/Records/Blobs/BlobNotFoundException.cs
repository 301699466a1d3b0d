namespace MailFilter.Gateway.Records.Blobs;

/// <summary>No blob is stored under the hash.</summary>
public sealed class BlobNotFoundException(string sha256) : Exception($"no stored message with SHA-256 {sha256}")
{
    public string Sha256 { get; } = sha256;
}
