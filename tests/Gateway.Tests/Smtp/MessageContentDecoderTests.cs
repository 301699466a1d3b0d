using System.Buffers;
using System.Text;
using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>The content decoder fed the same bytes split at every possible point: framing must not depend on how TCP cuts them.</summary>
public class MessageContentDecoderTests
{
    [Theory]
    [InlineData("..first\r\nmid\r\n..\r\n.x\r\n.\r\nNEXT", ".first\r\nmid\r\n.\r\nx\r\n")]
    [InlineData(".\r\nNEXT", "")]
    [InlineData("a\n.\nb\r\n.\r\nNEXT", "a\r\n.\r\nb\r\n")]
    [InlineData("a\r.\r\nb\r\n.\r\nNEXT", "a\r\n.\r\nb\r\n")]
    [InlineData("a\r\n.\nb\r\n.\r\nNEXT", "a\r\n.\r\nb\r\n")]
    [InlineData("a\r\n.\rb\r\n.\r\nNEXT", "a\r\n.\r\nb\r\n")]
    [InlineData("a\r\r\nb\r\n.\r\nNEXT", "a\r\n\r\nb\r\n")]
    public void DATA_decodes_the_same_wherever_the_input_is_split(string wire, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(wire);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var (content, status, rest) = DecodeData(bytes, split);

            status.Should().Be(ContentDecodeStatus.EndOfData, $"split at {split}");
            content.Should().Be(expected, $"split at {split}");
            rest.Should().Be("NEXT", $"split at {split}: nothing after the end of data is consumed");
        }
    }

    [Fact]
    public void DATA_is_decoded_byte_by_byte()
    {
        var decoder = new MessageContentDecoder(1 << 20, 1000, BareLineEndingPolicy.Normalize);
        decoder.Reset(dotStuffed: true);
        var output = new byte[64];
        var content = new StringBuilder();
        var status = ContentDecodeStatus.NeedMoreInput;
        foreach (var b in Encoding.ASCII.GetBytes("..a\r\nb\n\r\n.\r\n"))
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>([b]));
            status = decoder.Decode(ref reader, output, out var written);
            content.Append(Encoding.ASCII.GetString(output, 0, written));
            reader.Remaining.Should().Be(0);
        }

        status.Should().Be(ContentDecodeStatus.EndOfData);
        content.ToString().Should().Be(".a\r\nb\r\n\r\n");
        decoder.HasBareLineEnding.Should().BeTrue();
    }

    [Fact]
    public void Small_output_buffer_gets_filled_and_resumed()
    {
        var decoder = new MessageContentDecoder(1 << 20, 1000, BareLineEndingPolicy.Normalize);
        decoder.Reset(dotStuffed: true);
        var input = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("0123456789\n..abc\r\n.\r\n"));
        var reader = new SequenceReader<byte>(input);
        var output = new byte[4];
        var content = new StringBuilder();
        ContentDecodeStatus status;
        do
        {
            status = decoder.Decode(ref reader, output, out var written);
            content.Append(Encoding.ASCII.GetString(output, 0, written));
        }
        while (status == ContentDecodeStatus.OutputFull);

        status.Should().Be(ContentDecodeStatus.EndOfData);
        content.ToString().Should().Be("0123456789\r\n..abc\r\n", "the dot after a bare LF is not stuffing");
    }

    [Fact]
    public void Size_limit_counts_decoded_content_and_stops_producing_it()
    {
        var decoder = new MessageContentDecoder(10, 1000, BareLineEndingPolicy.Normalize);
        decoder.Reset(dotStuffed: true);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("0123456789AB\r\n.\r\n")));
        var output = new byte[64];

        var status = decoder.Decode(ref reader, output, out _);

        status.Should().Be(ContentDecodeStatus.EndOfData, "the rest is still read, to stay in step with the client");
        decoder.SizeExceeded.Should().BeTrue();
        decoder.IsDiscarding.Should().BeTrue();
    }

    [Fact]
    public void Chunk_mode_never_ends_and_keeps_dots()
    {
        var decoder = new MessageContentDecoder(1 << 20, 1000, BareLineEndingPolicy.Normalize);
        decoder.Reset(dotStuffed: false);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("..\r\n.\r\nx\r")));
        var output = new byte[64];

        var status = decoder.Decode(ref reader, output, out var written);
        decoder.Finish(output.AsSpan(written), out var finished);

        status.Should().Be(ContentDecodeStatus.NeedMoreInput);
        Encoding.ASCII.GetString(output, 0, written + finished).Should().Be("..\r\n.\r\nx\r\n");
    }

    static (string Content, ContentDecodeStatus Status, string Remainder) DecodeData(byte[] bytes, int split)
    {
        var decoder = new MessageContentDecoder(1 << 20, 1000, BareLineEndingPolicy.Normalize);
        decoder.Reset(dotStuffed: true);
        var output = new byte[256];
        var content = new StringBuilder();
        var status = ContentDecodeStatus.NeedMoreInput;
        var rest = "";
        foreach (var part in new[] { bytes[..split], bytes[split..] })
        {
            if (status == ContentDecodeStatus.EndOfData)
            {
                rest += Encoding.ASCII.GetString(part);
                continue;
            }
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(part));
            status = decoder.Decode(ref reader, output, out var written);
            content.Append(Encoding.ASCII.GetString(output, 0, written));
            rest += Encoding.ASCII.GetString(part[(int)reader.Consumed..]);
        }
        return (content.ToString(), status, rest);
    }
}
