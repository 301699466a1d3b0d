using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Archiving;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>A finished entry's delivery events: what memory says, what the envelope says after a restart, and never a guess.</summary>
public sealed class DeliveryHistoryTests
{
    static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    static QueueRecipient Recipient(string address, RecipientStatus status, string? reply = null, DateTimeOffset? at = null) =>
        new() { Address = address, Status = status, LastReply = reply, UpdatedAt = at };

    [Fact]
    public void A_delivered_or_failed_recipient_keeps_the_reply_that_decided_it_and_its_time()
    {
        var finished = new FinishedEntry("Q1", "bounced", Monday.AddMinutes(9),
        [
            Recipient("one@example.org", RecipientStatus.Delivered, "250 2.0.0 Ok", Monday.AddMinutes(1)),
            Recipient("two@example.org", RecipientStatus.Failed, "550 5.1.1 No such user", Monday.AddMinutes(9)),
        ]);

        DeliveryHistory.Of(finished).Should().Equal(
            new DeliveryEvent("one@example.org", "delivered", "250 2.0.0 Ok", Monday.AddMinutes(1)),
            new DeliveryEvent("two@example.org", "failed", "550 5.1.1 No such user", Monday.AddMinutes(9)));
    }

    [Fact]
    public void A_recipient_pending_when_an_operator_deleted_the_entry_was_deleted_by_them()
    {
        var finished = new FinishedEntry("Q2", "deleted", Monday, [Recipient("one@example.org", RecipientStatus.Pending, "451 4.3.0 Try later")], "admin@example.gov");

        DeliveryHistory.Of(finished).Should().Equal(new DeliveryEvent("one@example.org", "deleted", "deleted by admin@example.gov", Monday));
    }

    [Fact]
    public void After_a_restart_a_recipient_the_envelope_still_shows_pending_has_its_outcome_not_recorded()
    {
        var envelope = new QueueEnvelope
        {
            Id = "Q3",
            Recipients = [Recipient("one@example.org", RecipientStatus.Delivered, "250 2.0.0 Ok", Monday), Recipient("two@example.org", RecipientStatus.Pending, "451 4.3.0 Try later")],
        };

        var events = DeliveryHistory.FromEnvelope(envelope, Monday.AddHours(1));

        events.Should().Equal(
            new DeliveryEvent("one@example.org", "delivered", "250 2.0.0 Ok", Monday),
            new DeliveryEvent("two@example.org", DeliveryHistory.Unrecorded, DeliveryHistory.UnrecordedReply, Monday.AddHours(1)));
        events.Count(DeliveryHistory.IsFinal).Should().Be(1);
    }

    [Fact]
    public void After_a_restart_a_deletion_written_to_the_envelope_is_recorded_as_such()
    {
        var envelope = new QueueEnvelope { Id = "Q4", Recipients = [Recipient("one@example.org", RecipientStatus.Pending)], DeletedBy = "clerk", DeletedAt = Monday };

        DeliveryHistory.FromEnvelope(envelope, Monday.AddHours(1)).Should().Equal(new DeliveryEvent("one@example.org", "deleted", "deleted by clerk", Monday));
    }
}
