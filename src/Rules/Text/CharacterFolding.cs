using System.Globalization;
using System.Text;

namespace MailFilter.Rules.Text;

/// <summary>
/// Per-character folding: NFKC, lower case, diacritics removed, and letters from other scripts that look like
/// Latin ones ("раураl" in Cyrillic) mapped to the Latin letter. The BMP table is built once.
/// </summary>
public static class CharacterFolding
{
    /// <summary>Marks a character that carries no visible text (zero-width, format, combining mark).</summary>
    public const string Invisible = "\0";

    static readonly Dictionary<char, char> Confusables = new()
    {
        // Cyrillic
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o',
        ['р'] = 'p', ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['ѕ'] = 's', ['і'] = 'i', ['ї'] = 'i',
        ['ј'] = 'j', ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['һ'] = 'h', ['ӏ'] = 'l', ['ь'] = 'b', ['г'] = 'r',
        ['п'] = 'n', ['и'] = 'u', ['ц'] = 'u', ['ш'] = 'w', ['ѡ'] = 'w', ['ү'] = 'y', ['ҫ'] = 'c',
        // Greek
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o',
        ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['γ'] = 'y', ['ϲ'] = 'c', ['ω'] = 'w', ['μ'] = 'u',
        // Latin look-alikes outside ASCII
        ['ı'] = 'i', ['ł'] = 'l', ['ø'] = 'o', ['đ'] = 'd', ['ħ'] = 'h', ['ŀ'] = 'l', ['ɑ'] = 'a',
        ['ɡ'] = 'g', ['ǀ'] = 'l', ['ⅼ'] = 'l', ['ƒ'] = 'f', ['ſ'] = 's',
        // Armenian
        ['ս'] = 'u', ['օ'] = 'o', ['հ'] = 'h', ['ց'] = 'g', ['ք'] = 'p',
    };

    // Declared after Confusables: static fields initialise in order, and the table reads them.
    static readonly string?[] Table = BuildTable();

    /// <summary>The folded form of one code point: "" for nothing, <see cref="Invisible"/> for an invisible one.</summary>
    public static string Fold(Rune rune)
    {
        if (rune.IsBmp)
            return Table[rune.Value]!;
        return FoldSlow(rune.ToString());
    }

    /// <summary>Whether a folded word repeats a letter three or more times in a row.</summary>
    public static bool HasStretch(string value)
    {
        for (var i = 2; i < value.Length; i++)
            if (value[i] == value[i - 1] && value[i] == value[i - 2])
                return true;
        return false;
    }

    /// <summary>"shiiiit" → "shit", "asssss" → "as": every run of one letter becomes one letter.</summary>
    public static string Squeeze(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
            if (builder.Length == 0 || builder[^1] != c)
                builder.Append(c);
        return builder.ToString();
    }

    static string?[] BuildTable()
    {
        var table = new string?[0x10000];
        for (var c = 0; c < table.Length; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                table[c] = "";
                continue;
            }
            table[c] = c < 128 ? FoldAscii((char)c) : FoldSlow(((char)c).ToString());
        }
        return table;
    }

    static string FoldAscii(char c) => char.IsAsciiLetterUpper(c) ? ((char)(c + 32)).ToString() : c.ToString();

    static string FoldSlow(string text)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(text, 0);
        if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.SpacingCombiningMark)
            return Invisible;
        string compatible;
        try
        {
            compatible = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            return "";
        }
        var builder = new StringBuilder(compatible.Length);
        foreach (var c in compatible)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
                continue;
            if (c == 'ß')
                builder.Append("ss");
            else
                builder.Append(Confusables.TryGetValue(c, out var latin) ? latin : c);
        }
        return builder.Length == 0 ? Invisible : builder.ToString();
    }
}
