using System.Text.Json;

namespace MailFilter.Gateway.Queue.Requests;

/// <summary>
/// The command channel on disk, DATA/queue/requests/:
/// <c>&lt;id&gt;.request</c> written by an operator's tool and waiting for the owner;
/// <c>&lt;id&gt;.taken</c> claimed by the owner (one rename) and being applied;
/// <c>&lt;id&gt;.reply</c> the owner's answer, which the tool reads and removes.
/// Every file is written as <c>&lt;name&gt;.tmp</c>, fsynced and renamed into place, so a reader never sees half of one;
/// a request is durable before its tool waits for the answer, and a reply before its request is removed.
/// </summary>
public sealed class QueueRequestDirectory
{
    const string RequestSuffix = ".request";
    const string TakenSuffix = ".taken";
    const string ReplySuffix = ".reply";
    const string TempSuffix = ".tmp";

    readonly IQueueFileSystem fileSystem;

    public QueueRequestDirectory(string queueRoot, IQueueFileSystem fileSystem)
    {
        Path = System.IO.Path.Combine(queueRoot, "requests");
        this.fileSystem = fileSystem;
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string RequestPath(string id) => System.IO.Path.Combine(Path, id + RequestSuffix);

    public string TakenPath(string id) => System.IO.Path.Combine(Path, id + TakenSuffix);

    public string ReplyPath(string id) => System.IO.Path.Combine(Path, id + ReplySuffix);

    /// <summary>Writes a request where the owner looks for it; durable when this returns.</summary>
    public void Submit(QueueRequest request)
    {
        if (!QueueId.IsValid(request.Id))
            throw new ArgumentException($"'{request.Id}' is not a queue id", nameof(request));
        WriteDurably(RequestPath(request.Id), JsonSerializer.SerializeToUtf8Bytes(request, QueueJson.Indented));
    }

    /// <summary>Requests waiting to be claimed, oldest first.</summary>
    public IReadOnlyList<string> Waiting() => Ids(RequestSuffix);

    /// <summary>Requests claimed and not yet answered, oldest first: being applied, or left by an owner that stopped.</summary>
    public IReadOnlyList<string> Taken() => Ids(TakenSuffix);

    public bool IsTaken(string id) => File.Exists(TakenPath(id));

    /// <summary>Claims a waiting request (one rename); false when it is no longer waiting.</summary>
    public bool TryClaim(string id)
    {
        try
        {
            fileSystem.Move(RequestPath(id), TakenPath(id));
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Reads a claimed request; <see cref="InvalidDataException"/> or <see cref="JsonException"/> when it is not one.</summary>
    public QueueRequest ReadTaken(string id)
    {
        var request = JsonSerializer.Deserialize<QueueRequest>(File.ReadAllBytes(TakenPath(id)), QueueJson.Indented)
            ?? throw new InvalidDataException("the request is empty");
        if (request.Format > QueueRequest.CurrentFormat)
            throw new InvalidDataException($"request format {request.Format} is newer than this version of MailFilter reads ({QueueRequest.CurrentFormat})");
        if (request.Id != id)
            throw new InvalidDataException($"the request file {id} holds request {request.Id}");
        return request;
    }

    /// <summary>Writes the answer to a claimed request (durably), then removes the request.</summary>
    public void Answer(QueueReply reply)
    {
        WriteDurably(ReplyPath(reply.Request), JsonSerializer.SerializeToUtf8Bytes(reply, QueueJson.Indented));
        File.Delete(TakenPath(reply.Request));
    }

    /// <summary>Reads and removes the answer to a request, if there is one yet.</summary>
    public bool TryTakeReply(string id, out QueueReply? reply)
    {
        reply = null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(ReplyPath(id));
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        reply = JsonSerializer.Deserialize<QueueReply>(bytes, QueueJson.Indented) ?? throw new InvalidDataException($"the reply to request {id} is empty");
        File.Delete(ReplyPath(id));
        return true;
    }

    /// <summary>Removes answers nobody collected and temporary files older than <paramref name="age"/>; returns how many.</summary>
    public int RemoveStale(TimeSpan age, DateTimeOffset now)
    {
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(Path))
        {
            if (!(path.EndsWith(ReplySuffix, StringComparison.Ordinal) || path.EndsWith(TempSuffix, StringComparison.Ordinal)))
                continue;
            if (now - File.GetLastWriteTimeUtc(path) < age)
                continue;
            File.Delete(path);
            removed++;
        }
        return removed;
    }

    IReadOnlyList<string> Ids(string suffix)
    {
        var ids = Directory.EnumerateFiles(Path, "*" + suffix)
            .Select(System.IO.Path.GetFileName)
            .Select(name => name![..^suffix.Length])
            .Where(QueueId.IsValid)
            .ToList();
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    void WriteDurably(string path, byte[] bytes)
    {
        var temp = path + TempSuffix;
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096))
        {
            file.Write(bytes);
            file.Flush();
            fileSystem.SyncFile(file);
        }
        File.Move(temp, path, overwrite: true);
        fileSystem.SyncDirectory(Path);
    }
}
