using MailFilter.Classifier.Text;
using MimeKit;

namespace MailFilter.Classifier.Tests;

public class MessageTextTests
{
    [Fact]
    public void Plain_text_is_preferred_over_HTML()
    {
        var builder = new BodyBuilder { TextBody = "plain words", HtmlBody = "<p>html words</p>" };
        var message = new MimeMessage { Subject = "Re: Agenda", Body = builder.ToMessageBody() };
        MessageText.Of(message).Should().Be("Agenda\n\nplain words");
    }

    [Fact]
    public void HTML_is_reduced_to_text_without_scripts_or_styles()
    {
        var text = MessageText.FromHtml("<html><head><style>p{color:red}</style></head><body><p>First &amp; foremost.</p><script>var x = 'idiot';</script><div>Second<br>line</div></body></html>");
        text.Should().Contain("First & foremost.").And.Contain("Second").And.Contain("line").And.NotContain("idiot").And.NotContain("color");
    }

    [Fact]
    public void HTML_blockquotes_become_quoted_lines_that_are_not_scored()
    {
        var text = MessageText.FromHtml("<p>Please stop.</p><blockquote><p>You are a worthless idiot.</p></blockquote>");
        AuthoredText.Extract(text).Should().Be("Please stop.");
    }

    [Fact]
    public void An_HTML_only_message_is_read()
    {
        var message = new MimeMessage { Body = new TextPart("html") { Text = "<p>Hello <b>there</b></p>" } };
        MessageText.Of(message).Trim().Should().Be("Hello there");
    }
    [Fact]
    public void A_large_body_is_read_only_up_to_the_limit_and_a_small_one_whole()
    {
        var line = "Budget meeting notes for the council.\r\n";
        var raw = "From: a@example.org\r\nSubject: Notes\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + string.Concat(Enumerable.Repeat(line, 5000));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw));
        var message = MimeMessage.Load(stream);

        MessageText.Of(message, maxChars: 1000).Should().HaveLength("Notes\n\n".Length + 1000).And.StartWith("Notes\n\nBudget meeting notes");
        MessageText.Of(message).Should().Be("Notes\n\n" + message.TextBody);
    }
    [Fact]
    public void A_large_body_in_an_unknown_charset_is_still_read()
    {
        var raw = "Subject: Notes\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\n" + new string('a', 5000) + "\r\n";
        using var stream = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(raw));
        var message = MimeMessage.Load(stream);

        MessageText.Of(message, maxChars: 1000).Should().Be("Notes\n\n" + new string('a', 1000));
    }
}
