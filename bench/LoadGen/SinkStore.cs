using System.Globalization;

namespace MailFilter.Bench.LoadGen;

/// <summary>Numbers the sink's messages and keeps its index file; one instance per sink.</summary>
public sealed class SinkStore(string directory)
{
    readonly Lock _lock = new();
    long _next;
    long _count;

    public long Count => Interlocked.Read(ref _count);

    public (string Name, FileStream Stream) CreateMessageFile()
    {
        var name = Interlocked.Increment(ref _next).ToString("D7", CultureInfo.InvariantCulture) + ".eml";
        var stream = new FileStream(Path.Combine(directory, name + ".part"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        return (name, stream);
    }

    /// <summary>The message is complete: rename it into place, then list it in the index.</summary>
    public void Commit(string name, string mailFrom, IReadOnlyList<string> recipients, long size)
    {
        File.Move(Path.Combine(directory, name + ".part"), Path.Combine(directory, name));
        var line = $"{name}\t{mailFrom}\t{string.Join(',', recipients)}\t{size}\n";
        lock (_lock) File.AppendAllText(Path.Combine(directory, "index.tsv"), line);
        Interlocked.Increment(ref _count);
    }

    public void Abandon(string name) => File.Delete(Path.Combine(directory, name + ".part"));
}
