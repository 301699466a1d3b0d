namespace MailFilter.Gateway.Queue;

/// <summary>
/// Who owns the queue: an exclusive advisory lock on DATA/queue/owner.lock (opened with <see cref="FileShare.None"/>,
/// which .NET turns into flock(LOCK_EX) on Linux and a share lock on Windows). The running gateway holds it for its
/// lifetime and is then the only process that changes entries; a command line that gets it (no gateway runs) may
/// change them itself while it holds it. The kernel drops the lock when its holder dies, kill -9 included.
/// DATA/queue/owner.info names the holder in one line, for the message a refused process prints.
/// </summary>
public sealed class QueueOwnerLock : IDisposable
{
    public const string FileName = "owner.lock";
    public const string InfoFileName = "owner.info";

    static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    readonly FileStream file;

    QueueOwnerLock(FileStream file, string holder)
    {
        this.file = file;
        Holder = holder;
    }

    /// <summary>A line naming the holder, e.g. "mailfilter serve, pid 4242, since 2026-03-02T09:00:00Z".</summary>
    public string Holder { get; }

    /// <summary>Takes the lock if nobody holds it; false (and no lock) when another process or handle holds it.</summary>
    public static bool TryAcquire(string queueRoot, string holder, out QueueOwnerLock? ownerLock)
    {
        Directory.CreateDirectory(queueRoot);
        FileStream file;
        try
        {
            file = new FileStream(Path.Combine(queueRoot, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        }
        catch (IOException exception) when (IsHeldElsewhere(exception))
        {
            ownerLock = null;
            return false;
        }
        var description = $"{holder}, pid {Environment.ProcessId}, since {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}";
        try
        {
            File.WriteAllText(Path.Combine(queueRoot, InfoFileName), description + "\n");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The info file only improves a refusal message; the lock itself is what counts.
        }
        ownerLock = new QueueOwnerLock(file, description);
        return true;
    }

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="wait"/> for a command line that holds it for a moment to let go;
    /// throws <see cref="QueueOwnedElsewhereException"/> (one line naming the holder) when it is still held.
    /// </summary>
    public static QueueOwnerLock Acquire(string queueRoot, string holder, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            if (TryAcquire(queueRoot, holder, out var ownerLock))
                return ownerLock!;
            if (DateTime.UtcNow >= deadline)
                throw new QueueOwnedElsewhereException(queueRoot, DescribeHolder(queueRoot));
            Thread.Sleep(RetryDelay);
        }
    }

    /// <summary>What owner.info says about the current holder, or a generic phrase when it cannot be read.</summary>
    public static string DescribeHolder(string queueRoot)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(queueRoot, InfoFileName)).Trim();
            return text.Length > 0 ? text : "another process";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }

    /// <summary>The open failed because the file is locked (EWOULDBLOCK on Linux/macOS, a sharing or lock violation on Windows).</summary>
    static bool IsHeldElsewhere(IOException exception) =>
        exception.HResult is 11 or 35 || (exception.HResult & 0xFFFF) is 32 or 33;

    public void Dispose() => file.Dispose();
}
