using System.Runtime.InteropServices;

namespace MailFilter.Gateway.Queue;

/// <summary>fsync(2) for files and directories and rename(2) for state changes.</summary>
public sealed class DurableFileSystem : IQueueFileSystem
{
    public void SyncFile(FileStream file) => file.Flush(flushToDisk: true);

    public void SyncDirectory(string path)
    {
        // .NET cannot open a directory as a stream; a new name is only durable once its directory is fsynced.
        if (OperatingSystem.IsWindows())
            return;
        var descriptor = Open(path, 0);
        if (descriptor < 0)
            throw new IOException($"cannot open directory {path} to sync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(descriptor) != 0)
                throw new IOException($"fsync of directory {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    public void Move(string source, string destination) => File.Move(source, destination, overwrite: false);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    static extern int Close(int descriptor);
}
