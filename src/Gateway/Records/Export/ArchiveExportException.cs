namespace MailFilter.Gateway.Records.Export;

/// <summary>An export that did not produce a package (a stored message altered or missing, the output already there); the message says which and why.</summary>
public sealed class ArchiveExportException(string message, Exception? inner = null) : Exception(message, inner);
