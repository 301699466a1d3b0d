using MailFilter.Gateway.Queue;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>The real file system operations, with any of them made to fail on demand.</summary>
public sealed class ScriptedFileSystem : IQueueFileSystem
{
    readonly DurableFileSystem real = new();

    public bool FailFileSync { get; set; }

    public bool FailMove { get; set; }

    /// <summary>Fails this many of the next file syncs, then syncs again.</summary>
    public int FailNextFileSyncs { get; set; }

    /// <summary>Fails the sync of a state directory (e.g. active) — i.e. after the rename into it.</summary>
    public string? FailDirectorySyncEndingWith { get; set; }

    public void SyncFile(FileStream file)
    {
        if (FailFileSync)
            throw new IOException("injected: fsync failed (EIO)");
        if (FailNextFileSyncs > 0)
        {
            FailNextFileSyncs--;
            throw new IOException("injected: fsync failed (EIO)");
        }
        real.SyncFile(file);
    }

    public void SyncDirectory(string path)
    {
        if (FailDirectorySyncEndingWith is { } suffix && path.EndsWith(suffix, StringComparison.Ordinal))
            throw new IOException("injected: directory fsync failed");
        real.SyncDirectory(path);
    }

    public void Move(string source, string destination)
    {
        if (FailMove)
            throw new IOException("injected: rename failed (ENOSPC)");
        real.Move(source, destination);
    }
}
