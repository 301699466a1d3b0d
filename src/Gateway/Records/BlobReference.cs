namespace MailFilter.Gateway.Records;

/// <summary>A record and the blob it refers to, for the verifier's walk.</summary>
public sealed record BlobReference(string RecordId, string Sha256);
