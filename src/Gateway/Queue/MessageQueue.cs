using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Queue;

/// <summary>
/// The durable queue: DATA/queue/{incoming,active,deferred,hold,corrupt,done}/&lt;id&gt;, one file per entry
/// (<see cref="QueueFile"/>: the message bytes as received, then the envelope with the verdict). An entry changes
/// state by one rename. A file and its incoming directory are fsynced before the file is acknowledged, and a state
/// directory after a later rename into it, so a crash at any point leaves each entry whole in one state.
/// </summary>
public sealed class MessageQueue
{
    /// <summary>Incoming names with this suffix are envelope rewrites in progress; removed on start.</summary>
    const string RewriteSuffix = ".rewrite";

    readonly IQueueFileSystem fileSystem;
    readonly TimeProvider time;
    readonly Dictionary<QueueState, DirectorySyncGroup> directorySyncs;

    public MessageQueue(string root, IQueueFileSystem fileSystem, TimeProvider time)
    {
        Root = root;
        this.fileSystem = fileSystem;
        this.time = time;
        foreach (var state in Enum.GetValues<QueueState>())
            Directory.CreateDirectory(StateDirectory(state));
        directorySyncs = Enum.GetValues<QueueState>().ToDictionary(state => state, state => new DirectorySyncGroup(fileSystem, StateDirectory(state)));
    }

    public string Root { get; }

    public string StateDirectory(QueueState state) => Path.Combine(Root, state.ToString().ToLowerInvariant());

    public string EntryPath(QueueState state, string id) => Path.Combine(StateDirectory(state), id);

    public IncomingEntry CreateIncoming()
    {
        while (true)
        {
            var id = QueueId.New(time);
            var path = EntryPath(QueueState.Incoming, id);
            try
            {
                var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
                // The new name must be durable before the 250; syncing the directory now overlaps it with the transfer.
                return new IncomingEntry(id, path, stream, directorySyncs[QueueState.Incoming].SyncAsync());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Same id drawn twice in one millisecond: draw again.
            }
        }
    }

    /// <summary>
    /// Makes a received message durable and moves it to <paramref name="target"/>: the envelope (with the verdict) is
    /// appended to the spool file, the file fsynced, the fsync of the incoming directory that began when the file was
    /// created awaited, then the file renamed into <paramref name="target"/>. Only after this returns may the
    /// client hear 250. The rename needs no fsync of its own: a committed file left in incoming by a crash is moved
    /// on by <see cref="RecoverIncoming"/>. If this throws, the entry is not committed.
    /// </summary>
    public async Task CommitAsync(IncomingEntry entry, QueueEnvelope envelope, Verdict verdict, QueueState target)
    {
        envelope.Verdict = verdict;
        var file = entry.Message;
        file.Seek(0, SeekOrigin.End);
        QueueFile.AppendEnvelope(file, envelope);
        file.Flush();
        fileSystem.SyncFile(file);
        await file.DisposeAsync();
        await entry.NameSynced;
        fileSystem.Move(entry.Path, EntryPath(target, entry.Id));
    }

    /// <summary>Removes an incoming entry that will not be acknowledged (rejected, aborted or failed).</summary>
    public void Discard(IncomingEntry entry)
    {
        entry.Message.Dispose();
        File.Delete(entry.Path);
    }

    /// <summary>Creates a complete entry from bytes the gateway made itself (a bounce), straight into active.</summary>
    public async Task<string> EnqueueAsync(Func<string, QueueEnvelope> envelopeFor, ReadOnlyMemory<byte> message, Verdict verdict, CancellationToken cancellationToken)
    {
        var entry = CreateIncoming();
        try
        {
            await entry.Message.WriteAsync(message, cancellationToken);
            await CommitAsync(entry, envelopeFor(entry.Id), verdict, QueueState.Active);
            return entry.Id;
        }
        catch
        {
            Discard(entry);
            throw;
        }
    }

    /// <summary>Reads an entry's envelope and locates its message; <see cref="InvalidDataException"/> when it is not whole.</summary>
    public QueueEntry Read(QueueState state, string id)
    {
        var entry = QueueFile.Read(EntryPath(state, id));
        if (entry.Envelope.Id != id)
            throw new InvalidDataException($"the envelope of {id} names entry {entry.Envelope.Id}");
        return entry;
    }

    public QueueEnvelope ReadEnvelope(QueueState state, string id) => Read(state, id).Envelope;

    /// <summary>
    /// Replaces an entry's envelope atomically: the message bytes and the new envelope are written to a new file in
    /// incoming, fsynced, renamed over the entry, and the state directory fsynced.
    /// </summary>
    public void WriteEnvelope(QueueState state, QueueEnvelope envelope)
    {
        var path = EntryPath(state, envelope.Id);
        var message = QueueFile.Read(path).Message;
        var temp = EntryPath(QueueState.Incoming, envelope.Id + RewriteSuffix);
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            using (var source = message.Open())
                source.CopyTo(file);
            QueueFile.AppendEnvelope(file, envelope);
            file.Flush();
            fileSystem.SyncFile(file);
        }
        File.Move(temp, path, overwrite: true);
        fileSystem.SyncDirectory(StateDirectory(state));
    }

    /// <summary>
    /// One rename. <paramref name="durable"/> (the default) fsyncs the target directory; a finished entry's move to done is
    /// not durable, as its unlink was not: lost in a crash, it means one more delivery (at least once), never a loss.
    /// </summary>
    public void Move(string id, QueueState from, QueueState to, bool durable = true)
    {
        fileSystem.Move(EntryPath(from, id), EntryPath(to, id));
        if (durable)
            fileSystem.SyncDirectory(StateDirectory(to));
    }

    /// <summary>
    /// One unlink. Not fsynced by default: after a delivery, a delete lost in a crash means one more delivery attempt
    /// (at least once), never a loss. An operator's delete is <paramref name="durable"/>: the directory is fsynced, so
    /// a deleted message is not delivered after a crash.
    /// </summary>
    public void Delete(QueueState state, string id, bool durable = false)
    {
        File.Delete(EntryPath(state, id));
        if (durable)
            fileSystem.SyncDirectory(StateDirectory(state));
    }

    /// <summary>The entry names in a state, oldest first (ids sort by arrival).</summary>
    public IReadOnlyList<string> List(QueueState state)
    {
        var names = Directory.EnumerateFileSystemEntries(StateDirectory(state)).Select(Path.GetFileName).OfType<string>().ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public bool TryFind(string id, out QueueState state)
    {
        foreach (var candidate in new[] { QueueState.Active, QueueState.Deferred, QueueState.Hold, QueueState.Done, QueueState.Corrupt, QueueState.Incoming })
        {
            if (QueueId.IsValid(id) && File.Exists(EntryPath(candidate, id)))
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }

    /// <summary>Moves an unusable entry (or anything stray, a directory included) to corrupt, never deleting it; returns its name there.</summary>
    public string MoveToCorrupt(QueueState from, string name)
    {
        var source = EntryPath(from, name);
        var destination = EntryPath(QueueState.Corrupt, name);
        if (Directory.Exists(destination) || File.Exists(destination))
            destination += "." + QueueId.New(time);
        if (Directory.Exists(source))
            Directory.Move(source, destination);
        else
            fileSystem.Move(source, destination);
        fileSystem.SyncDirectory(StateDirectory(QueueState.Corrupt));
        return Path.GetFileName(destination);
    }

    /// <summary>
    /// Settles what a previous run left in incoming; call once at start, before the first message is received.
    /// A file with its envelope was committed (its 250 may have been sent) and moves on to active, or to hold when
    /// its verdict was quarantine (one whose envelope cannot be read goes to corrupt). Anything else — a message cut off mid-transfer, a rewrite in progress — was never
    /// acknowledged and is removed.
    /// </summary>
    public IncomingRecovery RecoverIncoming()
    {
        var committed = new List<string>();
        var removed = new List<string>();
        var corrupt = new List<string>();
        foreach (var name in List(QueueState.Incoming))
        {
            var path = EntryPath(QueueState.Incoming, name);
            if (QueueId.IsValid(name) && File.Exists(path) && QueueFile.HasFooter(path))
            {
                try
                {
                    var target = Read(QueueState.Incoming, name).Envelope.Verdict?.Action == VerdictAction.Quarantine ? QueueState.Hold : QueueState.Active;
                    Move(name, QueueState.Incoming, target);
                    committed.Add(name);
                }
                catch (Exception exception) when (exception is InvalidDataException or System.Text.Json.JsonException)
                {
                    corrupt.Add(MoveToCorrupt(QueueState.Incoming, name));
                }
            }
            else
            {
                if (Directory.Exists(path))
                    Directory.Delete(path, recursive: true);
                else
                    File.Delete(path);
                removed.Add(name);
            }
        }
        return new IncomingRecovery(committed, removed, corrupt);
    }
}

/// <summary>What <see cref="MessageQueue.RecoverIncoming"/> did: committed entries moved on, unacknowledged leftovers removed, unreadable ones moved to corrupt.</summary>
public sealed record IncomingRecovery(IReadOnlyList<string> Committed, IReadOnlyList<string> Removed, IReadOnlyList<string> Corrupt);
