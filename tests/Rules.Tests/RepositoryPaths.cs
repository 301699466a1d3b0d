namespace MailFilter.Rules.Tests;

/// <summary>Finds the repository's folders from the test binaries, and the shared evaluation data when present.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    public static string Samples => Path.Combine(Root, "samples", "eml");

    /// <summary>The public evaluation data (../shared/data), or null when this machine does not have it.</summary>
    public static string? SharedData
    {
        get
        {
            var candidate = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailFilter.sln")))
                return dir.FullName;
        throw new InvalidOperationException("MailFilter.sln not found above " + AppContext.BaseDirectory);
    }
}
