using System.Text;
using MailFilter.Gateway.Verdicts;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>The subject prefix of a tagged message, spliced into the stored bytes on the way out.</summary>
public class SubjectTaggingTests : IDisposable
{
    static readonly Verdict Tagged = new() { Action = VerdictAction.Tag, Categories = ["profanity"], Reason = "tagged" };

    readonly TempDirectory temp = new();
    readonly MessageQueue queue;

    public SubjectTaggingTests() => queue = new MessageQueue(Path.Combine(temp.Path, "queue"), new DurableFileSystem(), TimeProvider.System);

    public void Dispose() => temp.Dispose();

    /// <summary>The outgoing bytes after the trace headers, for a message stored as <paramref name="raw"/>.</summary>
    async Task<string> TagAsync(string raw)
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, DateTimeOffset.UnixEpoch, message: raw);
        var message = OutgoingMessage.Create(envelope, Tagged, queue.Read(QueueState.Active, envelope.Id).Message, "gw.example.org", "[POLICY: {categories}]");
        using var output = new MemoryStream();
        await message.WriteToAsync(output, ensureNewLine: false, CancellationToken.None);
        output.Length.Should().Be(message.SizeBytes);
        var sync = new MemoryStream();
        message.WriteTo(sync, ensureNewLine: false, CancellationToken.None);
        sync.ToArray().Should().Equal(output.ToArray(), "both writers splice alike");
        var text = Encoding.Latin1.GetString(output.ToArray());
        const string LastTraceHeader = "X-MailFilter-Categories: profanity\r\n";
        return text[(text.IndexOf(LastTraceHeader, StringComparison.Ordinal) + LastTraceHeader.Length)..];
    }

    [Theory]
    [InlineData("Subject:\r\n", "Subject: [POLICY: profanity]\r\n")]
    [InlineData("Subject: \r\n", "Subject: [POLICY: profanity]\r\n")]
    [InlineData("Subject:\r\n\tfolded value\r\n", "Subject: [POLICY: profanity]\r\n\tfolded value\r\n")]
    [InlineData("Subject:no space\r\n", "Subject: [POLICY: profanity] no space\r\n")]
    [InlineData("Subject:  two spaces\r\n", "Subject:  [POLICY: profanity] two spaces\r\n")]
    [InlineData("SUBJECT : obsolete space\r\n", "SUBJECT : [POLICY: profanity] obsolete space\r\n")]
    public async Task An_empty_or_unspaced_subject_gets_the_prefix_after_one_space(string subject, string expected)
    {
        var tagged = await TagAsync("From: a@b\r\n" + subject + "To: c@d\r\n\r\nbody\r\n");

        tagged.Should().Be("From: a@b\r\n" + expected + "To: c@d\r\n\r\nbody\r\n");
    }

    [Fact]
    public async Task Every_Subject_header_is_tagged_not_only_the_first()
    {
        var tagged = await TagAsync("Subject: innocent\r\nFrom: a@b\r\nSubject: the one a reader may show\r\n\r\nSubject: in the body stays\r\n");

        tagged.Should().Be("Subject: [POLICY: profanity] innocent\r\nFrom: a@b\r\nSubject: [POLICY: profanity] the one a reader may show\r\n\r\nSubject: in the body stays\r\n");
    }

    [Fact]
    public async Task Headers_that_only_start_with_Subject_are_left_alone()
    {
        var tagged = await TagAsync("Subject-Line: x\r\nSubjects: y\r\nSubject: z\r\n\r\n");

        tagged.Should().Be("Subject-Line: x\r\nSubjects: y\r\nSubject: [POLICY: profanity] z\r\n\r\n");
    }

    [Fact]
    public async Task A_message_without_a_subject_gets_one()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, DateTimeOffset.UnixEpoch, message: "From: a@b\r\n\r\nbody\r\n");
        var message = OutgoingMessage.Create(envelope, Tagged, queue.Read(QueueState.Active, envelope.Id).Message, "gw", "[POLICY: {categories}]");
        using var output = new MemoryStream();
        await message.WriteToAsync(output, ensureNewLine: false, CancellationToken.None);

        Encoding.Latin1.GetString(output.ToArray()).Should().EndWith("X-MailFilter-Categories: profanity\r\nSubject: [POLICY: profanity]\r\nFrom: a@b\r\n\r\nbody\r\n");
    }
}
