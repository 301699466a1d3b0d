using MailFilter.Gateway.Records.Access;

namespace MailFilter.Gateway.Records.Import;

/// <summary>What to import — mbox files, folders of .eml files, Maildirs (any mix) — by whom, for which matter.</summary>
public sealed record ImportRequest(IReadOnlyList<string> Paths, ArchiveAccess Access);
