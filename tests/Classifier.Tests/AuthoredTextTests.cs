using MailFilter.Classifier.Text;

namespace MailFilter.Classifier.Tests;

public class AuthoredTextTests
{
    [Fact]
    public void Quoted_reply_lines_and_their_attribution_are_removed()
    {
        var body = "I disagree, please stop.\r\n\r\nOn Tue, Mar 3, 2026 at 10:02 AM, Dave Miller <dave@example.org> wrote:\r\n> You are a worthless idiot.\r\n> Nobody likes you.\r\n";
        AuthoredText.Extract(body).Should().Be("I disagree, please stop.");
    }

    [Fact]
    public void A_wrapped_attribution_line_is_removed_too()
    {
        var body = "Fine by me.\n\nOn Tue, 3 Mar 2026 at 10:02, Dave Miller\n<dave@example.org> wrote:\n> idiot\n";
        AuthoredText.Extract(body).Should().Be("Fine by me.");
    }

    [Fact]
    public void Inline_replies_between_quotes_are_kept()
    {
        var body = "> Can you come Monday?\nYes.\n> And Tuesday?\nNo, sorry.\n";
        AuthoredText.Extract(body).Should().Be("Yes.\nNo, sorry.");
    }

    [Fact]
    public void Outlook_original_message_history_is_removed()
    {
        var body = "See below.\n\n-----Original Message-----\nFrom: Dave\nSent: Monday\nTo: Ann\nSubject: x\n\nI will break your legs.\n";
        AuthoredText.Extract(body).Should().Be("See below.");
    }

    [Fact]
    public void An_Outlook_header_block_without_separator_starts_history()
    {
        var body = "Forwarding to HR.\n\n________________________________\nFrom: Dave Miller\nSent: Monday, March 2, 2026 9:00 AM\nTo: Ann\nSubject: you\n\nYou're dead meat.\n";
        AuthoredText.Extract(body).Should().Be("Forwarding to HR.");
    }

    [Fact]
    public void Forwarded_messages_are_removed()
    {
        AuthoredText.Extract("FYI\n\n---------- Forwarded message ---------\nFrom: x\n\nShut up, moron.\n").Should().Be("FYI");
        AuthoredText.Extract("FYI\n\nBegin forwarded message:\n\nShut up, moron.\n").Should().Be("FYI");
    }

    [Fact]
    public void The_signature_after_the_dash_dash_space_delimiter_is_removed()
    {
        AuthoredText.Extract("The agenda is attached.\n-- \nAnn Chen\nDeputy Clerk\n").Should().Be("The agenda is attached.");
    }

    [Fact]
    public void A_sign_off_line_near_the_end_removes_the_signature_below_it()
    {
        var body = "The agenda is attached.\n\nBest regards,\nAnn Chen\nDeputy Clerk\nCity of Riverton\n(555) 201-4417\n";
        AuthoredText.Extract(body).Should().Be("The agenda is attached.");
    }

    [Fact]
    public void A_sentence_that_merely_starts_with_Thanks_is_not_a_sign_off()
    {
        AuthoredText.Extract("Thanks for nothing, you idiot.\nAnn\n").Should().Contain("Thanks for nothing, you idiot.");
    }

    [Fact]
    public void A_sign_off_early_in_a_long_message_does_not_cut_it()
    {
        var lines = string.Join("\n", Enumerable.Range(1, 12).Select(i => $"Line {i} of the report."));
        AuthoredText.Extract($"Thanks!\n{lines}\n").Should().Contain("Line 12 of the report.");
    }

    [Fact]
    public void Mobile_footers_end_the_authored_text()
    {
        AuthoredText.Extract("On my way.\n\nSent from my iPhone\n").Should().Be("On my way.");
    }
}
