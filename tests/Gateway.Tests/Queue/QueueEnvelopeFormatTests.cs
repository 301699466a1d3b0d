using System.Text;
using System.Text.Json;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>The envelope's format version: absent reads as 1, every write is 2, a newer one is not half read.</summary>
public class QueueEnvelopeFormatTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    readonly MessageQueue queue;

    public QueueEnvelopeFormatTests() => queue = new MessageQueue(Path.Combine(temp.Path, "queue"), new DurableFileSystem(), time);

    public void Dispose() => temp.Dispose();

    string EnvelopeText(QueueState state, string id)
    {
        var text = File.ReadAllText(queue.EntryPath(state, id), Encoding.Latin1);
        return text[QueueTestData.Message.Length..^QueueFile.FooterLength];
    }

    /// <summary>The envelope as JSON with its "format" member set to <paramref name="format"/>, or removed when null.</summary>
    string WithFormat(QueueState state, string id, int? format)
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(EnvelopeText(state, id))!;
        json.Remove("format");
        var members = format is { } value ? new Dictionary<string, object> { ["format"] = value } : [];
        foreach (var (name, element) in json)
            members[name] = element;
        return JsonSerializer.Serialize(members, new JsonSerializerOptions { WriteIndented = true });
    }

    [Fact]
    public async Task A_new_entry_begins_its_envelope_with_format_2()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());

        EnvelopeText(QueueState.Active, envelope.Id).Should().StartWith("{\n  \"format\": 2,\n  \"id\": ");
        queue.ReadEnvelope(QueueState.Active, envelope.Id).Format.Should().Be(QueueEnvelope.CurrentFormat);
    }

    [Fact]
    public async Task An_envelope_written_before_the_format_field_reads_as_format_1_and_a_rewrite_stamps_format_2()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Deferred, time.GetUtcNow());
        QueueTestData.BreakEnvelope(queue, QueueState.Deferred, envelope.Id, WithFormat(QueueState.Deferred, envelope.Id, format: null));
        EnvelopeText(QueueState.Deferred, envelope.Id).Should().NotContain("format");

        var old = queue.ReadEnvelope(QueueState.Deferred, envelope.Id);
        old.Format.Should().Be(1);
        old.Recipients.Single().Address.Should().Be("bob@example.org");
        old.Attempts = 2;
        queue.WriteEnvelope(QueueState.Deferred, old);

        EnvelopeText(QueueState.Deferred, envelope.Id).Should().StartWith("{\n  \"format\": 2,");
        queue.ReadEnvelope(QueueState.Deferred, envelope.Id).Attempts.Should().Be(2);
        QueueTestData.ReadMessage(queue, QueueState.Deferred, envelope.Id).Should().Be(QueueTestData.Message);
    }

    [Fact]
    public async Task An_entry_of_a_newer_envelope_format_goes_to_corrupt_instead_of_being_delivered_half_understood()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        QueueTestData.BreakEnvelope(queue, QueueState.Active, envelope.Id, WithFormat(QueueState.Active, envelope.Id, format: 3));
        var transport = new ScriptedTransport();
        var scheduler = new DeliveryScheduler();
        var deferred = new DeferredSchedule();

        FluentActions.Invoking(() => queue.Read(QueueState.Active, envelope.Id)).Should().Throw<InvalidDataException>()
            .WithMessage("envelope format 3 is newer than this version of MailFilter reads (2)");
        await DeliveryHarness.Processor(queue, transport, scheduler, deferred, time).ProcessAsync(envelope.Id, CancellationToken.None);

        transport.Sent.Should().BeEmpty();
        queue.List(QueueState.Corrupt).Should().Equal(envelope.Id);
    }
}
