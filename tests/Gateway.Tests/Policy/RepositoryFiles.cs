using MimeKit;

namespace MailFilter.Gateway.Tests.Policy;

/// <summary>The repository's shipped rules and sample messages, found from the test binaries upwards.</summary>
public static class RepositoryFiles
{
    public static string Folder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailFilter.sln")))
                return Path.Combine(dir.FullName, name);
        throw new InvalidOperationException("repository root not found");
    }

    public static MimeMessage Sample(string relativePath) => MimeMessage.Load(Path.Combine(Folder("samples/eml"), relativePath));
}
