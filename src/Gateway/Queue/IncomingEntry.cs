namespace MailFilter.Gateway.Queue;

/// <summary>A message being received into DATA/queue/incoming/&lt;id&gt;: the open spool file and its directory.</summary>
public sealed class IncomingEntry : IAsyncDisposable
{
    internal IncomingEntry(string id, string directory, FileStream message)
    {
        Id = id;
        Directory = directory;
        Message = message;
    }

    public string Id { get; }

    public string Directory { get; }

    /// <summary>The spool file message.eml, open for reading and writing.</summary>
    public FileStream Message { get; }

    public ValueTask DisposeAsync() => Message.DisposeAsync();
}
