using System.Runtime.CompilerServices;
using System.Text;

namespace MailFilter.Rules.Text;

/// <summary>
/// Turns text into normalised words that defeat the usual evasions, keeping each word's place in the original:
/// NFKC + case folding, invisible characters dropped, look-alike letters mapped, leetspeak read as letters
/// ("sh1t", "a$$"), letters spelled out with separators joined ("f.u.c.k", "s h i t"). Stretched letters
/// ("shiiit") are left for the matcher, which also tries the squeezed form.
/// </summary>
public static class TextNormalizer
{
    enum Kind { Letter, Digit, Symbol }

    readonly record struct Unit(char Value, int Start, int End, Kind Kind);

    // The scan's hot loops are compiled optimised at once rather than tiered: `mailfilter scan` is a short
    // process, and on a busy machine tiered code stays unoptimised for most of its run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NormalizedText Normalize(string original)
    {
        var tokens = new List<Token>(original.Length / 6 + 1);
        var units = new List<Unit>(32);
        var index = 0;
        while (index < original.Length)
        {
            var start = index;
            var c = original[index];
            if (c < 128)
            {
                index++;
                if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
                    units.Add(new Unit(c, start, index, c <= '9' ? Kind.Digit : Kind.Letter));
                else if (char.IsAsciiLetterUpper(c))
                    units.Add(new Unit((char)(c + 32), start, index, Kind.Letter));
                else if (c is '@' or '$' or '!')
                    units.Add(new Unit(c, start, index, Kind.Symbol));
                else
                    Flush(units, tokens);
                continue;
            }
            Rune.DecodeFromUtf16(original.AsSpan(index), out var rune, out var consumed);
            index += Math.Max(consumed, 1);
            var folded = CharacterFolding.Fold(rune);

            if (ReferenceEquals(folded, CharacterFolding.Invisible))
                continue;
            var added = false;
            foreach (var f in folded)
            {
                if (char.IsLetter(f))
                    units.Add(new Unit(f, start, index, Kind.Letter));
                else if (char.IsDigit(f) && f < 128)
                    units.Add(new Unit(f, start, index, Kind.Digit));
                else if (f is '@' or '$' or '!')
                    units.Add(new Unit(f, start, index, Kind.Symbol));
                else
                    continue;
                added = true;
            }
            if (!added)
                Flush(units, tokens);
        }
        Flush(units, tokens);
        return new NormalizedText(original, JoinSpelledOut(original, tokens));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Flush(List<Unit> units, List<Token> tokens)
    {
        if (units.Count == 0)
            return;
        var first = 0;
        var last = units.Count - 1;
        while (first <= last && units[first].Kind == Kind.Symbol && units[first].Value == '!')
            first++;
        while (last >= first && units[last].Kind == Kind.Symbol && units[last].Value != '$')
            last--;
        var letters = 0;
        for (var i = first; i <= last; i++)
            if (units[i].Kind == Kind.Letter)
                letters++;

        Span<char> buffer = last - first < 256 ? stackalloc char[last - first + 1] : new char[last - first + 1];
        var length = 0;
        int tokenStart = -1, tokenEnd = -1;
        for (var i = first; i <= last; i++)
        {
            var unit = units[i];
            char value;
            if (letters == 0)
            {
                if (unit.Kind != Kind.Digit)
                    continue;
                value = unit.Value;
            }
            else
            {
                value = unit.Kind == Kind.Letter ? unit.Value : Leet(unit.Value);
            }
            if (tokenStart < 0)
                tokenStart = unit.Start;
            tokenEnd = unit.End;
            buffer[length++] = value;
        }
        units.Clear();
        if (length > 0)
            tokens.Add(new Token(new string(buffer[..length]), tokenStart, tokenEnd));
    }

    static char Leet(char c) => c switch
    {
        '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't',
        '@' => 'a', '$' => 's', '!' => 'i',
        _ => c,
    };

    /// <summary>Joins three or more one-letter words split by one repeated separator: "f.u.c.k", "s h i t".</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static List<Token> JoinSpelledOut(string original, List<Token> tokens)
    {
        List<Token>? joined = null;
        var i = 0;
        while (i < tokens.Count)
        {
            var j = i;
            if (IsSingleLetter(tokens[i]))
            {
                char separator = default;
                while (j + 1 < tokens.Count && IsSingleLetter(tokens[j + 1])
                       && IsSeparatorGap(original, tokens[j].End, tokens[j + 1].Start, ref separator))
                    j++;
            }
            if (j - i >= 2)
            {
                joined ??= new List<Token>(tokens.Take(i));
                var value = string.Concat(tokens.Skip(i).Take(j - i + 1).Select(t => t.Value));
                joined.Add(new Token(value, tokens[i].Start, tokens[j].End));
            }
            else
            {
                for (var k = i; k <= j; k++)
                    joined?.Add(tokens[k]);
            }
            i = j + 1;
        }
        return joined ?? tokens;
    }

    static bool IsSingleLetter(Token token) => token.Value.Length == 1 && char.IsLetter(token.Value[0]);

    static bool IsSeparatorGap(string original, int from, int to, ref char separator)
    {
        var length = to - from;
        if (length is < 1 or > 2)
            return false;
        var c = original[from];
        if (c is '\r' or '\n' || (length == 2 && original[from + 1] != c))
            return false;
        if (separator == default)
            separator = c;
        return c == separator;
    }
}
