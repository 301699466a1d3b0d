namespace MailFilter.Gateway.Records;

/// <summary>What a batch did: added, already there (a batch written again after a crash), and failed — each by id.</summary>
public sealed record ArchiveWriteResult(IReadOnlyList<string> Added, IReadOnlyList<string> AlreadyPresent, IReadOnlyList<ArchiveWriteFailure> Failed);
