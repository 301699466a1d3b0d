using System.Security.Cryptography;
using MailFilter.Gateway.Records.Blobs;
using ZstdSharp;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>The file layout itself: fan-out names, zstd frames a stock tool can read, no temporary files left.</summary>
public sealed class FileBlobStoreLayoutTests : IDisposable
{
    readonly RecordsTempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_blob_is_a_zstd_file_under_two_levels_of_its_hash()
    {
        var store = new FileBlobStore(directory.Path);
        var message = "Subject: hello\r\n\r\nworld\r\n"u8.ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(message));

        await store.PutAsync(new MemoryStream(message), sha256, CancellationToken.None);

        var path = Path.Combine(directory.Path, sha256[..2], sha256[2..4], sha256 + ".zst");
        File.Exists(path).Should().BeTrue();
        new Decompressor().Unwrap(await File.ReadAllBytesAsync(path)).ToArray().Should().Equal(message);
        Directory.EnumerateFiles(Path.Combine(directory.Path, "incoming")).Should().BeEmpty();
    }

    [Fact]
    public async Task Bytes_refused_for_their_hash_leave_no_temporary_file()
    {
        var store = new FileBlobStore(directory.Path);

        var act = () => store.PutAsync(new MemoryStream("x"u8.ToArray()), new string('0', 64), CancellationToken.None);

        await act.Should().ThrowAsync<BlobIntegrityException>();
        Directory.EnumerateFiles(Path.Combine(directory.Path, "incoming")).Should().BeEmpty();
    }
}
