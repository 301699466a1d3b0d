using System.Collections.Concurrent;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>A receiver that keeps every completed message in memory and counts aborted ones.</summary>
public sealed class RecordingReceiver : IMessageReceiver
{
    int _aborted;
    int _begun;

    public ConcurrentQueue<ReceivedMessage> Messages { get; } = new();

    public int Aborted => Volatile.Read(ref _aborted);

    public int Begun => Volatile.Read(ref _begun);

    /// <summary>The reply to the end of content; default 250 "queued as n".</summary>
    public Func<ReceivedMessage, SmtpReply> Reply { get; set; } = message => SmtpReply.Ok($"Ok: queued as {message.Envelope.SessionId}");

    public ValueTask<IMessageWriter> BeginAsync(SmtpEnvelope envelope, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _begun);
        return ValueTask.FromResult<IMessageWriter>(new Writer(this, envelope));
    }

    sealed class Writer(RecordingReceiver receiver, SmtpEnvelope envelope) : IMessageWriter
    {
        readonly MemoryStream _content = new();
        bool _completed;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            _content.Write(content.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask<SmtpReply> CompleteAsync(CancellationToken cancellationToken)
        {
            _completed = true;
            var message = new ReceivedMessage(envelope, _content.ToArray());
            var reply = receiver.Reply(message);
            if (reply.IsPositive)
                receiver.Messages.Enqueue(message);
            return ValueTask.FromResult(reply);
        }

        public ValueTask DisposeAsync()
        {
            if (!_completed)
                Interlocked.Increment(ref receiver._aborted);
            return ValueTask.CompletedTask;
        }
    }
}
