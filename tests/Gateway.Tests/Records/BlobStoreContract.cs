using System.Security.Cryptography;
using System.Text;
using MailFilter.Gateway.Records.Blobs;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>What every blob store must do: store once by SHA-256, give back the exact bytes, and refuse altered ones by name.</summary>
public abstract class BlobStoreContract : ArchiveContract
{
    IMessageBlobStore Blobs => Backend.Blobs;

    static readonly byte[] Message = Encoding.ASCII.GetBytes("From: a@example.gov\r\nSubject: minutes\r\n\r\nThe board met.\r\n.\r\n\u0000\u00ff bytes kept as they are\r\n");
    static readonly string MessageSha256 = Convert.ToHexStringLower(SHA256.HashData(Message));

    static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Stored_bytes_come_back_identical_under_their_sha256()
    {
        var stored = await Blobs.PutAsync(new MemoryStream(Message), null, None);

        stored.Sha256.Should().Be(MessageSha256);
        stored.SizeBytes.Should().Be(Message.Length);
        stored.Written.Should().BeTrue();
        Blobs.Exists(MessageSha256).Should().BeTrue();
        await using var read = await Blobs.OpenAsync(MessageSha256, None);
        (await ReadAllAsync(read)).Should().Equal(Message);
    }

    [Fact]
    public async Task The_same_bytes_are_stored_once()
    {
        await Blobs.PutAsync(new MemoryStream(Message), null, None);
        var again = await Blobs.PutAsync(new MemoryStream(Message), MessageSha256, None);

        again.Written.Should().BeFalse();
        again.Sha256.Should().Be(MessageSha256);
    }

    [Fact]
    public async Task Bytes_that_do_not_match_the_expected_hash_are_refused_and_not_stored()
    {
        var wrong = new string('a', 64);
        var act = () => Blobs.PutAsync(new MemoryStream(Message), wrong, None);

        (await act.Should().ThrowAsync<BlobIntegrityException>()).Which.Sha256.Should().Be(wrong);
        Blobs.Exists(MessageSha256).Should().BeFalse();
    }

    [Fact]
    public async Task A_batch_stores_every_blob_and_they_are_readable_after_commit()
    {
        var messages = Enumerable.Range(0, 20).Select(i => Encoding.ASCII.GetBytes($"Subject: {i}\r\n\r\nbody {i}\r\n")).ToList();
        var hashes = new List<string>();
        await using (var batch = Blobs.BeginBatch())
        {
            foreach (var message in messages)
                hashes.Add((await batch.PutAsync(new MemoryStream(message), null, None)).Sha256);
            await batch.CommitAsync(None);
        }

        for (var i = 0; i < messages.Count; i++)
        {
            await using var read = await Blobs.OpenAsync(hashes[i], None);
            (await ReadAllAsync(read)).Should().Equal(messages[i]);
        }
    }

    [Fact]
    public async Task A_blob_altered_on_disk_is_refused_on_read_naming_its_hash()
    {
        await Blobs.PutAsync(new MemoryStream(Message), null, None);
        await Factory.AlterBlobAsync(Directory.Path, MessageSha256);

        var act = async () =>
        {
            await using var read = await Blobs.OpenAsync(MessageSha256, None);
            await ReadAllAsync(read);
        };

        (await act.Should().ThrowAsync<BlobIntegrityException>()).Which.Message.Should().Contain(MessageSha256);
        (await Blobs.VerifyAsync(MessageSha256, None)).Should().Be(BlobCondition.Altered);
    }

    [Fact]
    public async Task A_blob_that_no_longer_decodes_is_altered_too()
    {
        await Blobs.PutAsync(new MemoryStream(Message), null, None);
        await Factory.CorruptBlobAsync(Directory.Path, MessageSha256);

        (await Blobs.VerifyAsync(MessageSha256, None)).Should().Be(BlobCondition.Altered);
    }

    [Fact]
    public async Task A_missing_blob_is_named()
    {
        var act = () => Blobs.OpenAsync(MessageSha256, None);

        (await act.Should().ThrowAsync<BlobNotFoundException>()).Which.Sha256.Should().Be(MessageSha256);
        (await Blobs.VerifyAsync(MessageSha256, None)).Should().Be(BlobCondition.Missing);
    }

    [Fact]
    public async Task A_deleted_blob_is_gone()
    {
        await Blobs.PutAsync(new MemoryStream(Message), null, None);

        (await Blobs.DeleteAsync(MessageSha256, None)).Should().BeTrue();
        (await Blobs.DeleteAsync(MessageSha256, None)).Should().BeFalse();
        Blobs.Exists(MessageSha256).Should().BeFalse();
    }

    [Fact]
    public async Task A_name_that_is_not_a_sha256_is_refused_before_touching_storage()
    {
        var act = () => Blobs.OpenAsync("../../etc/passwd", None);
        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task An_empty_message_is_a_blob_too()
    {
        var stored = await Blobs.PutAsync(new MemoryStream(), null, None);

        await using var read = await Blobs.OpenAsync(stored.Sha256, None);
        (await ReadAllAsync(read)).Should().BeEmpty();
        stored.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Array.Empty<byte>())));
    }

    [Fact]
    public async Task A_message_larger_than_a_mebibyte_streams_in_and_out_identical()
    {
        var large = new byte[3 * 1024 * 1024 + 17];
        new Random(5).NextBytes(large);

        var stored = await Blobs.PutAsync(new MemoryStream(large), Convert.ToHexStringLower(SHA256.HashData(large)), None);

        stored.SizeBytes.Should().Be(large.Length);
        await using var read = await Blobs.OpenAsync(stored.Sha256, None);
        (await ReadAllAsync(read)).Should().Equal(large);
    }

    [Fact]
    public async Task The_same_bytes_twice_in_one_batch_are_written_once()
    {
        await using var batch = Blobs.BeginBatch();
        var first = await batch.PutAsync(new MemoryStream(Message), null, None);
        var second = await batch.PutAsync(new MemoryStream(Message), null, None);
        await batch.CommitAsync(None);

        first.Written.Should().BeTrue();
        second.Written.Should().BeFalse();
        (await Blobs.VerifyAsync(MessageSha256, None)).Should().Be(BlobCondition.Intact);
    }

    [Fact]
    public async Task A_batch_given_up_before_commit_stores_nothing()
    {
        await using (var batch = Blobs.BeginBatch())
            await batch.PutAsync(new MemoryStream(Message), null, None);

        Blobs.Exists(MessageSha256).Should().BeFalse();
    }
}
