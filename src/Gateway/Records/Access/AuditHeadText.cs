using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Blobs;

namespace MailFilter.Gateway.Records.Access;

/// <summary>A chain head as people copy it around (<c>SEQ:HASH</c>, as <see cref="AuditHead.ToString"/>, verify and exports print it).</summary>
public static class AuditHeadText
{
    public static bool TryParse(string? text, out AuditHead head)
    {
        head = new AuditHead(0, AuditChain.GenesisHash);
        var value = text?.Trim() ?? "";
        var colon = value.IndexOf(':');
        if (colon <= 0 || !long.TryParse(value[..colon], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq))
            return false;
        var hash = value[(colon + 1)..].Trim().ToLowerInvariant();
        if (!BlobName.IsValid(hash))
            return false;
        head = new AuditHead(seq, hash);
        return true;
    }
}
