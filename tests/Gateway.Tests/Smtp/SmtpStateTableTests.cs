using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

public class SmtpStateTableTests
{
    [Fact]
    public void Bad_sequence_reply_is_built_from_the_table()
    {
        SmtpStateTable.BadSequence(SmtpState.AwaitingHello).ToString().Should().Be("503 5.5.1 Bad sequence of commands; expected EHLO or HELO");
        SmtpStateTable.BadSequence(SmtpState.Ready).ToString().Should().Be("503 5.5.1 Bad sequence of commands; expected EHLO, HELO, MAIL or STARTTLS");
        SmtpStateTable.BadSequence(SmtpState.ReceivingChunks).ToString().Should().Be("503 5.5.1 Bad sequence of commands; expected BDAT");
    }

    [Fact]
    public void Every_state_allows_the_verbs_that_never_change_it()
    {
        foreach (var state in Enum.GetValues<SmtpState>())
            foreach (var verb in new[] { SmtpVerb.Noop, SmtpVerb.Quit, SmtpVerb.Help, SmtpVerb.Vrfy })
                SmtpStateTable.Next(state, verb).Should().Be(state, $"{verb} in {state}");
    }

    [Fact]
    public void RSET_ends_any_transaction()
    {
        foreach (var state in new[] { SmtpState.MailGiven, SmtpState.RecipientsGiven, SmtpState.ReceivingChunks })
            SmtpStateTable.Next(state, SmtpVerb.Rset).Should().Be(SmtpState.Ready);
        SmtpStateTable.Next(SmtpState.AwaitingHello, SmtpVerb.Rset).Should().Be(SmtpState.AwaitingHello);
    }

    [Fact]
    public void Transaction_commands_follow_the_RFC_order()
    {
        SmtpStateTable.Allows(SmtpState.AwaitingHello, SmtpVerb.Mail).Should().BeFalse();
        SmtpStateTable.Allows(SmtpState.Ready, SmtpVerb.Rcpt).Should().BeFalse();
        SmtpStateTable.Allows(SmtpState.Ready, SmtpVerb.Data).Should().BeFalse();
        SmtpStateTable.Allows(SmtpState.MailGiven, SmtpVerb.Mail).Should().BeFalse();
        SmtpStateTable.Allows(SmtpState.MailGiven, SmtpVerb.StartTls).Should().BeFalse();
        SmtpStateTable.Allows(SmtpState.ReceivingChunks, SmtpVerb.Data).Should().BeFalse();
        SmtpStateTable.Allows(SmtpState.ReceivingChunks, SmtpVerb.Rcpt).Should().BeFalse();
        SmtpStateTable.Next(SmtpState.Ready, SmtpVerb.StartTls).Should().Be(SmtpState.AwaitingHello);
        SmtpStateTable.Next(SmtpState.RecipientsGiven, SmtpVerb.Data).Should().Be(SmtpState.Ready);
    }
}
