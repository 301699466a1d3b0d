using System.Text;
using MailFilter.Rules.Facts;
using MimeKit;
using MimeKit.Tnef;

namespace MailFilter.Rules.Tests;

public class TnefExtractionTests
{
    /// <summary>A minimal winmail.dat: TNEF version, code page, and one attached file.</summary>
    static byte[] Winmail(string fileName, string content)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(0x223E9F78);
        writer.Write((ushort)0x0001);
        void Attribute(byte level, uint id, byte[] data)
        {
            writer.Write(level);
            writer.Write(id);
            writer.Write(data.Length);
            writer.Write(data);
            writer.Write((ushort)data.Sum(b => b));
        }
        Attribute(1, 0x00089006, BitConverter.GetBytes(0x00010000));
        Attribute(1, 0x00069007, [.. BitConverter.GetBytes(1252), .. BitConverter.GetBytes(0)]);
        Attribute(2, 0x00069002, [1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0]);
        Attribute(2, 0x00018010, Encoding.ASCII.GetBytes(fileName + "\0"));
        Attribute(2, 0x0006800F, Encoding.UTF8.GetBytes(content));
        writer.Flush();
        return stream.ToArray();
    }

    [Fact]
    public void Files_inside_winmail_dat_are_read_as_attachments()
    {
        var tnef = new TnefPart { Content = new MimeContent(new MemoryStream(Winmail("notes.txt", "Forward this to everyone you know."))), FileName = "winmail.dat" };
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("a@outside.example"));
        message.To.Add(MailboxAddress.Parse("b@city.example"));
        message.Body = new Multipart("mixed") { new TextPart("plain") { Text = "see attached" }, tnef };

        var facts = new MessageFactsBuilder(new DirectionResolver(["city.example"])).Build(message, null, 1000);

        facts.IncompleteReasons.Should().BeEmpty();
        facts.Attachments.Should().Contain(a => a.FileName == "notes.txt" && a.Label.Contains("winmail.dat"));
        facts.Texts.Should().Contain(t => t.Kind == TextKind.Attachment && t.Text.Contains("everyone you know"));
    }
}
