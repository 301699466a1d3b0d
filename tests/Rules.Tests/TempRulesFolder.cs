namespace MailFilter.Rules.Tests;

/// <summary>A rules folder of its own for one test, deleted afterwards.</summary>
public sealed class TempRulesFolder : IDisposable
{
    public TempRulesFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mailfilter-rules-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Overrides => System.IO.Path.Combine(Path, "local.d");

    public TempRulesFolder Write(string relative, string yaml)
    {
        var file = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, yaml);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
