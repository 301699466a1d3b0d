using System.Security.Cryptography;

namespace MailFilter.Gateway.Queue;

/// <summary>
/// Queue ids: 16 characters of Crockford base32 — 50 bits of milliseconds since the Unix epoch then 30 random
/// bits — so ids sort by arrival, are safe as file names on any file system, and never need a shared counter.
/// </summary>
public static class QueueId
{
    const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 16;

    public static string New(TimeProvider time)
    {
        var milliseconds = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
        var random = (ulong)RandomNumberGenerator.GetInt32(1 << 30);
        var value = (milliseconds << 30) | random;
        Span<char> text = stackalloc char[Length];
        for (var i = Length - 1; i >= 0; i--)
        {
            text[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(text);
    }

    /// <summary>Whether <paramref name="text"/> has the shape of a queue id (so it is safe to use as a path segment).</summary>
    public static bool IsValid(string? text) =>
        text is { Length: Length } && text.All(c => Alphabet.Contains(c));
}
