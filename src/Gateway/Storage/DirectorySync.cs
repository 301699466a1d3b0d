using System.Runtime.InteropServices;

namespace MailFilter.Gateway.Storage;

/// <summary>
/// fsync(2) of a directory: a renamed or removed name is only durable once its directory is synced. .NET cannot open a
/// directory as a stream, hence open/fsync/close. Shared by the queue and the archive's blob store.
/// </summary>
public static class DirectorySync
{
    public static void Sync(string path)
    {
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

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    static extern int Close(int descriptor);
}
