namespace MailFilter.Classifier.Tests;

/// <summary>Finds the public evaluation data (../shared/data beside the work tree) and the repository root.</summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindUp("MailFilter.sln") ?? throw new InvalidOperationException("MailFilter.sln not found above the test binaries.");

    /// <summary>The shared data folder, or null when this machine does not have it.</summary>
    public static string? Directory
    {
        get
        {
            foreach (var candidate in new[] { Path.Combine(RepositoryRoot, "..", "shared", "data"), "/work/shared/data" })
                if (System.IO.Directory.Exists(candidate))
                    return Path.GetFullPath(candidate);
            return null;
        }
    }

    public static string RequireDirectory(string relative)
    {
        var root = Directory;
        Skip.If(root is null, "the public evaluation data (../shared/data) is not on this machine");
        var path = Path.Combine(root!, relative);
        Skip.IfNot(System.IO.Directory.Exists(path) || File.Exists(path), $"{relative} is not in the shared data on this machine");
        return path;
    }

    static string? FindUp(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, file)))
                return dir.FullName;
        return null;
    }
}
