using System.Text;
using MailFilter.Rules.Facts;
using MimeKit;

namespace MailFilter.Rules.Tests;

public class MessageFactsBuilderTests
{
    static readonly DirectionResolver Directions = new(["city.example"]);

    static MimeMessage Message(MimeEntity body, string subject = "Hello")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("clerk@city.example"));
        message.To.Add(MailboxAddress.Parse("planner@city.example"));
        message.Cc.Add(MailboxAddress.Parse("resident@outside.example"));
        message.Subject = subject;
        message.Body = body;
        return message;
    }

    static MessageFacts Build(MimeMessage message, ExtractionLimits? limits = null, MessageEnvelope? envelope = null) =>
        new MessageFactsBuilder(Directions, limits).Build(message, envelope, 1000);

    [Fact]
    public void HTML_is_reduced_to_the_text_a_reader_sees()
    {
        var html = new TextPart("html")
        {
            Text = "<html><head><title>t</title><style>p{color:red}</style></head><body><p>Visible</p><p>words</p>"
                   + "<script>var hidden='script';</script><div style=\"display: none\">poison salad</div>"
                   + "<span hidden>also hidden</span><p style=\"font-size: 0px\">tiny</p><p style=\"font-size:0.9em\">small</p>&amp; end&#33;</body></html>",
        };
        var facts = Build(Message(html));
        var body = facts.Texts.Single(t => t.Kind == TextKind.Body);
        body.Label.Should().Be("body (text/html)");
        body.Normalized.Tokens.Select(t => t.Value).Should().Equal("visible", "words", "small", "end");
        body.Text.Should().Contain("& end!");
    }

    [Fact]
    public void Attached_messages_and_text_attachments_are_read()
    {
        var inner = Message(new TextPart("plain") { Text = "Forward this to everyone you know." }, "FW: luck");
        var attachment = new TextPart("plain") { Text = "notes in a file", FileName = "notes.txt" };
        attachment.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "notes.txt" };
        var binary = new MimePart("application", "pdf") { Content = new MimeContent(new MemoryStream(new byte[3000])), FileName = "report.pdf" };
        var mixed = new Multipart("mixed") { new TextPart("plain") { Text = "see below" }, new MessagePart { Message = inner }, attachment, binary };
        var facts = Build(Message(mixed));

        facts.Texts.Should().Contain(t => t.Kind == TextKind.Body && t.Label == "body > attached message (text/plain)" && t.Text.Contains("everyone you know"));
        facts.Texts.Should().Contain(t => t.Kind == TextKind.Body && t.Label == "body > attached message subject" && t.Text == "FW: luck");
        facts.Texts.Should().Contain(t => t.Kind == TextKind.Attachment && t.Text == "notes in a file");
        facts.Attachments.Select(a => a.FileName).Should().Equal("notes.txt", "report.pdf");
        facts.Attachments.Single(a => a.FileName == "report.pdf").ContentType.Should().Be("application/pdf");
    }

    [Fact]
    public void Recipients_come_from_To_and_Cc_without_an_envelope_and_direction_follows_the_addresses()
    {
        var facts = Build(Message(new TextPart("plain") { Text = "hi" }));
        facts.Recipients.Should().Equal("planner@city.example", "resident@outside.example");
        facts.MailFrom.Should().Be("clerk@city.example");
        facts.Direction.Should().Be(MessageDirection.Outbound);
    }

    [Fact]
    public void The_envelope_wins_over_the_headers()
    {
        var envelope = new MessageEnvelope("bounce@outside.example", ["planner@city.example"]);
        var facts = Build(Message(new TextPart("plain") { Text = "hi" }), envelope: envelope);
        facts.Recipients.Should().Equal("planner@city.example");
        facts.HeaderRecipients.Should().HaveCount(2);
        facts.Direction.Should().Be(MessageDirection.Inbound);
    }

    [Fact]
    public void A_MIME_tree_deeper_than_the_limit_is_reported_incomplete()
    {
        MimeEntity body = new TextPart("plain") { Text = "deep secret" };
        for (var i = 0; i < 10; i++)
            body = new Multipart("mixed") { body };
        var facts = Build(Message(body), new ExtractionLimits { MaxMimeDepth = 4 });
        facts.IncompleteReasons.Should().ContainSingle().Which.Should().Contain("nesting deeper than 4");
        facts.Texts.Should().NotContain(t => t.Text.Contains("deep secret"));
    }

    [Fact]
    public void Too_many_parts_and_too_much_text_are_reported_incomplete()
    {
        var mixed = new Multipart("mixed");
        for (var i = 0; i < 20; i++)
            mixed.Add(new TextPart("plain") { Text = new string('x', 1000) + $" part{i}" });
        Build(Message(mixed), new ExtractionLimits { MaxParts = 5 }).IncompleteReasons.Should().Contain(r => r.Contains("more than 5 MIME parts"));
        Build(Message(mixed), new ExtractionLimits { MaxDecodedBytes = 8000 }).IncompleteReasons.Should().Contain(r => r.Contains("decoded text limit"));
    }

    [Fact]
    public void An_mbox_From_line_before_the_headers_is_skipped()
    {
        var raw = "From someone@outside.example Sat Jan  3 01:05:34 2004\nFrom: someone@outside.example\nTo: clerk@city.example\nSubject: mbox style\n\nbody text\n";
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(raw));
        var builder = new MessageFactsBuilder(Directions);
        var message = builder.Load(stream);
        message.Subject.Should().Be("mbox style");
        builder.Build(message, null, stream.Length).FromAddress.Should().Be("someone@outside.example");
    }

    [Fact]
    public void Encoded_headers_are_decoded_for_the_rules()
    {
        var raw = "From: a@outside.example\r\nTo: b@city.example\r\nSubject: =?utf-8?q?caf=C3=A9_menu?=\r\nX-Note: =?utf-8?q?caf=C3=A9?=\r\n\r\nx\r\n";
        var builder = new MessageFactsBuilder(Directions);
        var message = builder.Load(new MemoryStream(Encoding.ASCII.GetBytes(raw)));
        var facts = builder.Build(message, null, raw.Length);
        facts.Header("X-Note").Should().Be("café");
        facts.Subject.Should().Be("café menu");
    }
}
