using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Filtering;

/// <summary>The gateway's side of the SMTP hand-off: every message is spooled into the queue's incoming directory.</summary>
public sealed class FilteringMessageReceiver(MessageQueue queue, MessageAcceptor acceptor, IOptions<FilteringOptions> options) : IMessageReceiver
{
    public ValueTask<IMessageWriter> BeginAsync(SmtpEnvelope envelope, CancellationToken cancellationToken)
    {
        var entry = queue.CreateIncoming();
        return ValueTask.FromResult<IMessageWriter>(new SpoolingMessageWriter(entry, envelope, acceptor, new HeaderSectionMeter(options.Value.MaxHeaderSectionBytes)));
    }
}
