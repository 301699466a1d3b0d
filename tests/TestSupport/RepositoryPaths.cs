namespace MailFilter.TestSupport;

/// <summary>
/// The repository's folders, found from the test binaries upwards, and the public evaluation data beside the work
/// tree when this machine has it.
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped rule packs.</summary>
    public static string Rules => Path.Combine(Root, "rules");

    /// <summary>The sample messages (<c>samples/eml</c>).</summary>
    public static string Samples => Path.Combine(Root, "samples", "eml");

    /// <summary>The public evaluation data (../shared/data beside the work tree), or null when this machine does not have it.</summary>
    public static string? SharedData
    {
        get
        {
            foreach (var candidate in new[] { Path.Combine(Root, "..", "shared", "data"), "/work/shared/data" })
                if (Directory.Exists(candidate))
                    return Path.GetFullPath(candidate);
            return null;
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
