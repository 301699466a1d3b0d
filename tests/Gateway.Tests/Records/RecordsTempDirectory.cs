namespace MailFilter.Gateway.Tests.Records;

/// <summary>A fresh data directory per test, removed afterwards.</summary>
public sealed class RecordsTempDirectory : IDisposable
{
    public RecordsTempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mailfilter-tests", "records-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may hold the database a moment longer; the OS temp cleaner gets it.
        }
    }
}
