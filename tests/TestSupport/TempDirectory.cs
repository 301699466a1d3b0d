namespace MailFilter.TestSupport;

/// <summary>A fresh directory of its own for one test, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mailfilter-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Writes a file below the directory, creating the folders on its way, and returns its full path.</summary>
    public string File(string relativePath, string contents)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process, a scanner or a file watcher may still hold a file for a moment: that must not fail
            // the test, and the OS cleans its temp folder later.
        }
    }
}
