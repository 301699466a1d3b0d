using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>A receiver that keeps nothing but counts: for messages too big to hold in a test.</summary>
public sealed class CountingReceiver : IMessageReceiver
{
    long _octets;
    int _largestWrite;
    int _writes;
    int _completed;

    public long Octets => Interlocked.Read(ref _octets);
    public int LargestWrite => Volatile.Read(ref _largestWrite);
    public int Writes => Volatile.Read(ref _writes);
    public int Completed => Volatile.Read(ref _completed);

    public ValueTask<IMessageWriter> BeginAsync(SmtpEnvelope envelope, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IMessageWriter>(new Writer(this));

    sealed class Writer(CountingReceiver receiver) : IMessageWriter
    {
        public ValueTask WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref receiver._octets, content.Length);
            Interlocked.Increment(ref receiver._writes);
            if (content.Length > receiver._largestWrite)
                receiver._largestWrite = content.Length;
            return ValueTask.CompletedTask;
        }

        public ValueTask<SmtpReply> CompleteAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref receiver._completed);
            return ValueTask.FromResult(SmtpReply.Ok("Ok: counted"));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
