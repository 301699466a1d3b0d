using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>Whatever the receiver does wrong, the client gets 451 4.3.0 (never a 250) and the session goes on.</summary>
public class SmtpReceiverFaultTests
{
    public enum Fault { BeginThrows, WriteThrows, CompleteThrows }

    const string Transaction = "EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\n";

    [Theory]
    [InlineData(Fault.BeginThrows)]
    [InlineData(Fault.WriteThrows)]
    [InlineData(Fault.CompleteThrows)]
    public async Task Receiver_failure_during_DATA_gets_451_and_the_session_goes_on(Fault fault)
    {
        var receiver = new FaultyReceiver(fault);

        var codes = SmtpExpect.Codes(await SmtpSessionHarness.ExchangeAsync(Transaction + "DATA\r\nline\r\n.\r\nNOOP\r\n", receiver: receiver));

        var expected = fault == Fault.BeginThrows
            ? new[] { "220", "250", "250 2.1.0", "250 2.1.5", "451 4.3.0", "500 5.5.2", "500 5.5.2", "250 2.0.0" }
            : ["220", "250", "250 2.1.0", "250 2.1.5", "354", "451 4.3.0", "250 2.0.0"];
        codes.Should().Equal(expected);
        receiver.Disposed.Should().Be(receiver.Begun, "every writer is disposed");
    }

    [Theory]
    [InlineData(Fault.BeginThrows)]
    [InlineData(Fault.WriteThrows)]
    [InlineData(Fault.CompleteThrows)]
    public async Task Receiver_failure_during_BDAT_gets_451_and_the_session_goes_on(Fault fault)
    {
        var receiver = new FaultyReceiver(fault);

        var codes = SmtpExpect.Codes(await SmtpSessionHarness.ExchangeAsync(Transaction + "BDAT 6 LAST\r\nline\r\nNOOP\r\n", receiver: receiver));

        codes.Should().Equal("220", "250", "250 2.1.0", "250 2.1.5", "451 4.3.0", "250 2.0.0");
        receiver.Disposed.Should().Be(receiver.Begun);
    }

    [Fact]
    public async Task Receiver_refusal_is_passed_on_as_is()
    {
        var receiver = new RecordingReceiver { Reply = _ => new SmtpReply(554, "5.7.1", "Rejected by policy: chain letter") };

        var transcript = await SmtpSessionHarness.ExchangeAsync(Transaction + "DATA\r\nline\r\n.\r\n", receiver: receiver);

        transcript.Should().EndWith("554 5.7.1 Rejected by policy: chain letter\r\n");
    }

    [Fact]
    public async Task Invalid_receiver_reply_becomes_451()
    {
        var receiver = new RecordingReceiver { Reply = _ => default };

        var transcript = await SmtpSessionHarness.ExchangeAsync(Transaction + "DATA\r\nline\r\n.\r\n", receiver: receiver);

        transcript.Should().EndWith("451 4.3.0 Local error in processing, try again later\r\n");
    }

    sealed class FaultyReceiver(Fault fault) : IMessageReceiver
    {
        public int Begun;
        public int Disposed;

        public ValueTask<IMessageWriter> BeginAsync(SmtpEnvelope envelope, CancellationToken cancellationToken)
        {
            if (fault == Fault.BeginThrows)
                throw new IOException("spool disk full");
            Begun++;
            return ValueTask.FromResult<IMessageWriter>(new Writer(this));
        }

        sealed class Writer(FaultyReceiver receiver) : IMessageWriter
        {
            public ValueTask WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
                receiver.Fail(Fault.WriteThrows) ? throw new IOException("write failed") : ValueTask.CompletedTask;

            public ValueTask<SmtpReply> CompleteAsync(CancellationToken cancellationToken) =>
                receiver.Fail(Fault.CompleteThrows) ? throw new InvalidOperationException("fsync failed") : ValueTask.FromResult(SmtpReply.Ok("Ok"));

            public ValueTask DisposeAsync()
            {
                receiver.Disposed++;
                return ValueTask.CompletedTask;
            }
        }

        bool Fail(Fault at) => fault == at;
    }
}
