namespace MailFilter.Gateway.Tests;

public class SmtpReplyTests
{
    [Fact]
    public void A_reply_prints_code_enhanced_code_and_text()
    {
        new global::MailFilter.Gateway.Smtp.SmtpReply(250, "2.0.0", "Ok").ToString().Should().Be("250 2.0.0 Ok");
    }
}
