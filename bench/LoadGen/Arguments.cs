using System.Globalization;

namespace MailFilter.Bench.LoadGen;

/// <summary>
/// The <c>--name value</c> / <c>--flag</c> options of one verb. Small on purpose: the bench has no
/// dependency but the SDK, and every option is read by name exactly once, so a typo is reported.
/// </summary>
public sealed class Arguments
{
    readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null) Add(pending, "true");
                pending = arg[2..];
                var eq = pending.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    Add(pending[..eq], pending[(eq + 1)..]);
                    pending = null;
                }
            }
            else if (pending is not null)
            {
                Add(pending, arg);
                pending = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }
        }

        if (pending is not null) Add(pending, "true");
    }

    void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
        list.Add(value);
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var list) ? list[^1] : null;
    }

    public string String(string name, string fallback) => String(name) ?? fallback;

    public string RequiredString(string name) =>
        String(name) ?? throw new ArgumentException($"--{name} is required");

    public IReadOnlyList<string> All(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var list) ? list : [];
    }

    public int Int(string name, int fallback) =>
        String(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public long Long(string name, long fallback) =>
        String(name) is { } text ? ParseSize(text) : fallback;

    public double Double(string name, double fallback) =>
        String(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name)
    {
        var text = String(name);
        return text is not null && text != "false" && text != "0";
    }

    /// <summary>Call after reading every option: an option nobody read is a typo.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }

    /// <summary>Sizes may carry a unit: 5120, 5k, 50m (k = 1024).</summary>
    public static long ParseSize(string text)
    {
        var multiplier = 1L;
        var last = char.ToLowerInvariant(text[^1]);
        if (last == 'k') multiplier = 1024;
        else if (last == 'm') multiplier = 1024 * 1024;
        else if (last == 'g') multiplier = 1024L * 1024 * 1024;
        var digits = multiplier == 1 ? text : text[..^1];
        return long.Parse(digits, CultureInfo.InvariantCulture) * multiplier;
    }

    public static (string Host, int Port) ParseEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0) throw new ArgumentException($"'{text}' is not HOST:PORT");
        return (text[..colon], int.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}
