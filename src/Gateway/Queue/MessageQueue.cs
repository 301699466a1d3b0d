using System.Text.Json;
using MailFilter.Gateway.Filtering;

namespace MailFilter.Gateway.Queue;

/// <summary>
/// The durable queue: DATA/queue/{incoming,active,deferred,hold,corrupt}/&lt;id&gt;/ each holding message.eml
/// (the bytes exactly as received) and envelope.json (with the verdict). An entry changes state by one rename of its
/// directory; files are fsynced before a rename and directories after, so a crash at any point leaves each
/// entry whole in one state.
/// </summary>
public sealed class MessageQueue
{
    public const string MessageFile = "message.eml";
    public const string EnvelopeFile = "envelope.json";
    /// <summary>Where entries written before the verdict moved into envelope.json keep it; read, never written.</summary>
    public const string LegacyVerdictFile = "verdict.json";
    const string TempSuffix = ".tmp";

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

    /// <summary>Touching this file asks a running daemon to rescan the deferred directory now (queue flush/release).</summary>
    public string FlushRequestPath => Path.Combine(Root, "flush");

    public string StateDirectory(QueueState state) => Path.Combine(Root, state.ToString().ToLowerInvariant());

    public string EntryDirectory(QueueState state, string id) => Path.Combine(StateDirectory(state), id);

    public string MessagePath(QueueState state, string id) => Path.Combine(EntryDirectory(state, id), MessageFile);

    public IncomingEntry CreateIncoming()
    {
        while (true)
        {
            var id = QueueId.New(time);
            var directory = EntryDirectory(QueueState.Incoming, id);
            if (Directory.Exists(directory))
                continue;
            Directory.CreateDirectory(directory);
            var stream = new FileStream(Path.Combine(directory, MessageFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            return new IncomingEntry(id, directory, stream);
        }
    }

    /// <summary>
    /// Makes a received message durable in <paramref name="target"/>: message and envelope (with the verdict) written
    /// and fsynced (in parallel, with the entry directory), the entry renamed out of incoming, the target directory
    /// fsynced (shared with concurrent commits). Only after this returns may the client hear 250. If it throws,
    /// the entry is not in <paramref name="target"/>.
    /// </summary>
    public async Task CommitAsync(IncomingEntry entry, QueueEnvelope envelope, Verdict verdict, QueueState target)
    {
        envelope.Verdict = verdict;
        // Written in place, no temp file: the entry is invisible in incoming until the rename below.
        await using (var envelopeFile = WriteJson(Path.Combine(entry.Directory, EnvelopeFile), envelope))
        {
            await Task.WhenAll(
                Task.Run(() => SyncSpool(entry)),
                Task.Run(() => fileSystem.SyncFile(envelopeFile)),
                Task.Run(() => fileSystem.SyncDirectory(entry.Directory)));
        }
        var destination = EntryDirectory(target, entry.Id);
        fileSystem.MoveDirectory(entry.Directory, destination);
        try
        {
            await directorySyncs[target].SyncAsync();
        }
        catch
        {
            // Not known durable, so the client will hear 4xx and resend: take the entry back so it is not delivered twice.
            Directory.Move(destination, entry.Directory);
            throw;
        }
    }

    /// <summary>Makes the spooled bytes durable and closes the spool file (idempotent).</summary>
    public void SyncSpool(IncomingEntry entry)
    {
        if (!entry.Message.CanWrite)
            return;
        entry.Message.Flush();
        fileSystem.SyncFile(entry.Message);
        entry.Message.Dispose();
    }

    /// <summary>Removes an incoming entry that will not be acknowledged (rejected, aborted or failed).</summary>
    public void Discard(IncomingEntry entry)
    {
        entry.Message.Dispose();
        if (Directory.Exists(entry.Directory))
            Directory.Delete(entry.Directory, recursive: true);
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

    public QueueEnvelope ReadEnvelope(QueueState state, string id)
    {
        using var stream = File.OpenRead(Path.Combine(EntryDirectory(state, id), EnvelopeFile));
        var envelope = JsonSerializer.Deserialize<QueueEnvelope>(stream, QueueJson.Indented)
            ?? throw new InvalidDataException($"{EnvelopeFile} of {id} is empty");
        if (envelope.Id != id)
            throw new InvalidDataException($"{EnvelopeFile} of {id} names entry {envelope.Id}");
        return envelope;
    }

    /// <summary>The verdict stored with the entry; an entry without one was passed.</summary>
    public Verdict ReadVerdict(QueueState state, string id) => VerdictOf(state, ReadEnvelope(state, id));

    /// <summary>The verdict inside <paramref name="envelope"/>, else (an entry written before it was kept there) verdict.json, else pass.</summary>
    public Verdict VerdictOf(QueueState state, QueueEnvelope envelope)
    {
        if (envelope.Verdict is { } verdict)
            return verdict;
        var path = Path.Combine(EntryDirectory(state, envelope.Id), LegacyVerdictFile);
        if (!File.Exists(path))
            return Verdict.Pass;
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<Verdict>(stream, QueueJson.Indented) ?? Verdict.Pass;
    }

    /// <summary>Replaces envelope.json atomically: temp file, fsync, rename over, fsync the directory.</summary>
    public void WriteEnvelope(QueueState state, QueueEnvelope envelope)
    {
        var directory = EntryDirectory(state, envelope.Id);
        WriteJsonDurably(Path.Combine(directory, EnvelopeFile), envelope);
        fileSystem.SyncDirectory(directory);
    }

    public void Move(string id, QueueState from, QueueState to)
    {
        fileSystem.MoveDirectory(EntryDirectory(from, id), EntryDirectory(to, id));
        fileSystem.SyncDirectory(StateDirectory(to));
    }

    public void Delete(QueueState state, string id)
    {
        var directory = EntryDirectory(state, id);
        // Renamed away first so that a crash mid-delete never leaves a half entry in a live state.
        // Not fsynced: a delete lost in a crash means one more delivery attempt (at least once), never a loss.
        var doomed = Path.Combine(StateDirectory(QueueState.Incoming), id + ".deleted");
        fileSystem.MoveDirectory(directory, doomed);
        File.Delete(Path.Combine(doomed, MessageFile));
        File.Delete(Path.Combine(doomed, EnvelopeFile));
        try
        {
            Directory.Delete(doomed);
        }
        catch (IOException)
        {
            // Something else in it (an older entry's verdict.json): rmdir failed, so remove whatever is left.
            Directory.Delete(doomed, recursive: true);
        }
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
        foreach (var candidate in new[] { QueueState.Active, QueueState.Deferred, QueueState.Hold, QueueState.Corrupt, QueueState.Incoming })
        {
            if (QueueId.IsValid(id) && Directory.Exists(EntryDirectory(candidate, id)))
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }

    /// <summary>Moves an unusable entry (or stray file) to corrupt, never deleting it; returns its name there.</summary>
    public string MoveToCorrupt(QueueState from, string name)
    {
        var source = EntryDirectory(from, name);
        var destination = EntryDirectory(QueueState.Corrupt, name);
        if (Directory.Exists(destination) || File.Exists(destination))
            destination += "." + QueueId.New(time);
        if (Directory.Exists(source))
            fileSystem.MoveDirectory(source, destination);
        else
            File.Move(source, destination);
        fileSystem.SyncDirectory(StateDirectory(QueueState.Corrupt));
        return Path.GetFileName(destination);
    }

    /// <summary>
    /// Removes what a previous run left in incoming: none of it was ever acknowledged with a 250. Call once at
    /// start, before the first message is received.
    /// </summary>
    public IReadOnlyList<string> RemoveIncomingLeftovers()
    {
        var removed = List(QueueState.Incoming);
        foreach (var name in removed)
        {
            var path = EntryDirectory(QueueState.Incoming, name);
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
            else
                File.Delete(path);
        }
        return removed;
    }

    static FileStream WriteJson<T>(string path, T value)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        JsonSerializer.Serialize(stream, value, QueueJson.Indented);
        stream.Flush();
        return stream;
    }

    void WriteJsonDurably<T>(string path, T value)
    {
        var temp = path + TempSuffix;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, value, QueueJson.Indented);
            fileSystem.SyncFile(stream);
        }
        File.Move(temp, path, overwrite: true);
    }
}
