namespace MailFilter.Classifier.Tests;

/// <summary>The public evaluation data (<see cref="RepositoryPaths.SharedData"/>): a test that needs it is skipped where it is missing.</summary>
public static class SharedData
{
    public static string RequireDirectory(string relative)
    {
        var root = RepositoryPaths.SharedData;
        Skip.If(root is null, "the public evaluation data (../shared/data) is not on this machine");
        var path = Path.Combine(root!, relative);
        Skip.IfNot(Directory.Exists(path) || File.Exists(path), $"{relative} is not in the shared data on this machine");
        return path;
    }
}
