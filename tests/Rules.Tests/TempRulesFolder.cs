namespace MailFilter.Rules.Tests;

/// <summary>A rules folder of its own for one test, deleted afterwards.</summary>
public sealed class TempRulesFolder : IDisposable
{
    readonly TempDirectory directory = new();

    public string Path => directory.Path;

    public string Overrides => System.IO.Path.Combine(Path, "local.d");

    public TempRulesFolder Write(string relative, string yaml)
    {
        directory.File(relative, yaml);
        return this;
    }

    public void Dispose() => directory.Dispose();
}
