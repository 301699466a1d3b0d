namespace MailFilter.Gateway.Records;

/// <summary>A search the store cannot run as written (e.g. unbalanced quotes in the full-text query); the message says why.</summary>
public sealed class ArchiveQueryException(string message, Exception? inner = null) : Exception(message, inner);
