namespace MailFilter.Gateway.Records.Blobs;

/// <summary>A blob as stored: its hash, the original size, the size on disk, and whether this call wrote it.</summary>
public sealed record StoredBlob(string Sha256, long SizeBytes, long StoredBytes, bool Written);
