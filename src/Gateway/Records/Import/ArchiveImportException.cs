namespace MailFilter.Gateway.Records.Import;

/// <summary>An import that cannot start (a path that does not exist); the message names it.</summary>
public sealed class ArchiveImportException(string message) : Exception(message);
