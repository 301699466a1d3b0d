using MailFilter.Gateway.Records.Audit;

namespace MailFilter.Gateway.Records.Export;

/// <summary>A finished package: where, how many messages and bytes, the manifest's SHA-256, and the audit entry that records the export (the chain head the statement prints).</summary>
public sealed record ExportResult(string Path, int Count, long TotalBytes, string ManifestSha256, AuditEntry AuditEntry);
