namespace MailFilter.Gateway.Queue;

/// <summary>
/// The three operations durability rests on. A seam so tests can make any of them fail and check that the
/// gateway then answers 4xx instead of 250.
/// </summary>
public interface IQueueFileSystem
{
    /// <summary>Flushes a written file's data and metadata to stable storage (fsync).</summary>
    void SyncFile(FileStream file);

    /// <summary>Flushes a directory's entries (names created, renamed or removed in it) to stable storage.</summary>
    void SyncDirectory(string path);

    /// <summary>Renames a queue file atomically; fails if <paramref name="destination"/> exists.</summary>
    void Move(string source, string destination);
}
