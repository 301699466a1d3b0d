using System.Security.Cryptography;

namespace MailFilter.Bench.LoadGen;

/// <summary>
/// One message to send: its unique id, the bytes as they must arrive (<see cref="ContentParts"/>) and the
/// bytes on the wire (<see cref="WireParts"/>: dot-stuffed and ending with CRLF "." CRLF).
/// </summary>
public sealed class OutgoingMessage(string id, IReadOnlyList<ReadOnlyMemory<byte>> contentParts, IReadOnlyList<ReadOnlyMemory<byte>> wireParts, string bodySha256)
{
    public string Id { get; } = id;

    public IReadOnlyList<ReadOnlyMemory<byte>> ContentParts { get; } = contentParts;

    public IReadOnlyList<ReadOnlyMemory<byte>> WireParts { get; } = wireParts;

    /// <summary>SHA-256 (hex) of everything after the first empty line: what no relay may change.</summary>
    public string BodySha256 { get; } = bodySha256;

    public long ContentLength => ContentParts.Sum(p => (long)p.Length);

    public string ContentSha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in ContentParts) hash.AppendData(part.Span);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A line of the sender's manifest: id, length, SHA-256 of the whole message, SHA-256 of its body; a
    /// fifth field "maybe" marks a message whose reply never came (it may or may not arrive).
    /// </summary>
    public string ManifestLine() => $"{Id}\t{ContentLength}\t{ContentSha256()}\t{BodySha256}";
}
