using System.Security.Cryptography;
using System.Text;

namespace MailFilter.Bench.LoadGen;

/// <summary>
/// <c>loadgen verify</c>: compares what the senders' manifests say was accepted (2xx at end of DATA) with
/// what the sink saved. Every accepted message must arrive exactly once, end with exactly the bytes sent
/// (a relay may only add header lines above them), and carry no bare CR or bare LF.
/// </summary>
public static class VerifyCommand
{
    public const string Usage = "verify --manifest FILE [--manifest FILE...] --received DIR [--show-added] [--allow-duplicates]";

    public static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var manifests = args.All("manifest");
        var directory = args.RequiredString("received");
        var showAdded = args.Flag("show-added");
        // After a crash an MTA may deliver a message twice (sent, but not yet marked done): at least once.
        var allowDuplicates = args.Flag("allow-duplicates");
        args.RejectUnknown();

        var expected = new Dictionary<string, (long Length, string Sha256, string BodySha256, bool Maybe)>(StringComparer.Ordinal);
        foreach (var manifest in manifests)
        {
            foreach (var line in await File.ReadAllLinesAsync(manifest, cancellationToken))
            {
                var fields = line.Split('\t');
                if (fields.Length >= 4)
                    expected[fields[0]] = (long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[2], fields[3], fields.Length > 4 && fields[4] == "maybe");
            }
        }

        var indexPath = Path.Combine(directory, "index.tsv");
        var files = File.Exists(indexPath)
            ? (await File.ReadAllLinesAsync(indexPath, cancellationToken)).Select(l => l.Split('\t')[0]).ToList()
            : [];

        var seen = new HashSet<string>(StringComparer.Ordinal);
        int exact = 0, bodyIdentical = 0, mismatched = 0, duplicates = 0, unknown = 0, withoutId = 0, bareLf = 0, bareCr = 0;
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(directory, file), cancellationToken);
            var (lf, cr) = CountBareLineBreaks(bytes);
            if (lf > 0) { bareLf++; Console.Error.WriteLine($"{file}: {lf} bare LF"); }
            if (cr > 0) { bareCr++; Console.Error.WriteLine($"{file}: {cr} bare CR"); }

            var id = BenchIdOf(bytes);
            if (id is null) { withoutId++; Console.Error.WriteLine($"{file}: no X-Bench-Id (a bounce or foreign message?)"); continue; }
            if (!expected.TryGetValue(id, out var sent)) { unknown++; Console.Error.WriteLine($"{file}: {id} is in no manifest"); continue; }
            if (!seen.Add(id)) { duplicates++; Console.Error.WriteLine($"{file}: {id} is a duplicate"); continue; }

            if (bytes.Length >= sent.Length && Hex(SHA256.HashData(bytes.AsSpan(bytes.Length - (int)sent.Length))) == sent.Sha256)
            {
                exact++;
                if (showAdded && exact == 1)
                {
                    Console.WriteLine($"Added above the sent bytes in {file}:");
                    Console.Write(Encoding.Latin1.GetString(bytes, 0, bytes.Length - (int)sent.Length));
                }
            }
            else if (Hex(SHA256.HashData(MessageSource.BodyOf(bytes))) == sent.BodySha256)
            {
                bodyIdentical++;
            }
            else
            {
                mismatched++;
                Console.Error.WriteLine($"{file}: {id} body differs from what was sent");
            }
        }

        var missing = expected.Count(e => !e.Value.Maybe && !seen.Contains(e.Key));
        var maybe = expected.Count(e => e.Value.Maybe);
        var maybeArrived = expected.Count(e => e.Value.Maybe && seen.Contains(e.Key));
        foreach (var id in expected.Where(e => !e.Value.Maybe && !seen.Contains(e.Key)).Select(e => e.Key).Take(10))
            Console.Error.WriteLine($"{id}: accepted (2xx) but not at the sink");
        var ok = missing == 0 && (duplicates == 0 || allowDuplicates) && mismatched == 0 && unknown == 0 && bareLf == 0 && bareCr == 0;
        Console.WriteLine(
            $"VERIFY {(ok ? "OK" : "FAILED")} accepted={expected.Count - maybe} unknown-outcome={maybe} (arrived {maybeArrived}) saved={files.Count} exact={exact} body-identical={bodyIdentical} " +
            $"mismatched={mismatched} missing={missing} duplicates={duplicates} unknown-id={unknown} without-id={withoutId} " +
            $"bare-lf={bareLf} bare-cr={bareCr}");
        return ok ? 0 : 1;
    }

    static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    static (int BareLf, int BareCr) CountBareLineBreaks(byte[] bytes)
    {
        int lf = 0, cr = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) lf++;
            else if (bytes[i] == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n')) cr++;
        }

        return (lf, cr);
    }

    /// <summary>The value of the X-Bench-Id header in the header block, if any.</summary>
    static string? BenchIdOf(byte[] bytes)
    {
        var headerEnd = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var header = Encoding.Latin1.GetString(bytes, 0, headerEnd < 0 ? bytes.Length : headerEnd + 2);
        foreach (var line in header.Split("\r\n"))
        {
            if (line.StartsWith("X-Bench-Id:", StringComparison.OrdinalIgnoreCase)) return line["X-Bench-Id:".Length..].Trim();
        }

        return null;
    }
}
