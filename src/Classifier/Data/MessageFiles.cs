using MailFilter.Classifier.Text;
using MimeKit;

namespace MailFilter.Classifier.Data;

/// <summary>Reads message files (.eml, or one mbox message with its <c>From </c> line) as the text the classifier scores.</summary>
public static class MessageFiles
{
    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    if (!Path.GetFileName(file).StartsWith('.'))
                        yield return file;
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
            else
            {
                throw new FileNotFoundException($"no such file or directory: {path}", path);
            }
        }
    }

    public static MimeMessage Load(string path)
    {
        using var stream = File.OpenRead(path);
        var mbox = stream.ReadByte() == 'F' && stream.ReadByte() == 'r' && stream.ReadByte() == 'o' && stream.ReadByte() == 'm' && stream.ReadByte() == ' ';
        stream.Position = 0;
        var parser = new MimeParser(stream, mbox ? MimeFormat.Mbox : MimeFormat.Entity);
        return parser.ParseMessage();
    }

    public static string ReadText(string path) => MessageText.Of(Load(path));
}
