namespace MailFilter.Gateway.Records.Blobs;

/// <summary>A blob compressed into a temporary file, not yet synced nor in its place.</summary>
sealed record StagedBlob(string TemporaryPath, string Sha256, long SizeBytes, long StoredBytes);
