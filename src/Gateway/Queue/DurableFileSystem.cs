using MailFilter.Gateway.Storage;

namespace MailFilter.Gateway.Queue;

/// <summary>fsync(2) for files and directories and rename(2) for state changes.</summary>
public sealed class DurableFileSystem : IQueueFileSystem
{
    public void SyncFile(FileStream file) => file.Flush(flushToDisk: true);

    public void SyncDirectory(string path) => DirectorySync.Sync(path);

    public void Move(string source, string destination) => File.Move(source, destination, overwrite: false);
}
