namespace MailFilter.Gateway.Records.Blobs;

/// <summary>What a verification found for one blob.</summary>
public enum BlobCondition
{
    /// <summary>Present, decodable, and its bytes hash to its name.</summary>
    Intact,

    /// <summary>No blob of that name.</summary>
    Missing,

    /// <summary>Present but its bytes no longer hash to its name, or it no longer decompresses.</summary>
    Altered,
}
