namespace MailFilter.Gateway.Queue;

/// <summary>A message being received into DATA/queue/incoming/&lt;id&gt;: the open spool file and its path.</summary>
public sealed class IncomingEntry : IAsyncDisposable
{
    internal IncomingEntry(string id, string path, FileStream message, Task nameSynced)
    {
        Id = id;
        Path = path;
        Message = message;
        NameSynced = nameSynced;
    }

    public string Id { get; }

    /// <summary>The spool file: the message bytes until commit appends the envelope.</summary>
    public string Path { get; }

    /// <summary>The spool file, open for reading and writing.</summary>
    public FileStream Message { get; }

    /// <summary>An fsync of the incoming directory that started after the file was created: its name is then durable.</summary>
    public Task NameSynced { get; }

    public ValueTask DisposeAsync() => Message.DisposeAsync();
}
