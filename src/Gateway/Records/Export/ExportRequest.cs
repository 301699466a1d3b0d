using MailFilter.Gateway.Records.Access;

namespace MailFilter.Gateway.Records.Export;

/// <summary>What to export (every record the query matches, not one page), for whom and which matter, and where the package goes.</summary>
/// <param name="Query">The search; its Limit and Page are ignored.</param>
/// <param name="Access">Who exports, and the matter (required: a package always answers a request or a case).</param>
/// <param name="OutputPath">The .zip to create; it must not exist yet.</param>
public sealed record ExportRequest(ArchiveQuery Query, ArchiveAccess Access, string OutputPath);
