namespace MailFilter.Rules.Facts;

/// <summary>Small helpers over e-mail address strings.</summary>
public static class AddressText
{
    /// <summary>The domain of an address, lower case, or "".</summary>
    public static string Domain(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? "" : address[(at + 1)..].Trim().TrimEnd('>').ToLowerInvariant();
    }

    /// <summary>An address without angle brackets, lower case.</summary>
    public static string Canonical(string address) => address.Trim().Trim('<', '>').ToLowerInvariant();
}
