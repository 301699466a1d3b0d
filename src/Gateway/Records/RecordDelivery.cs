namespace MailFilter.Gateway.Records;

/// <summary>A delivery event for the record <paramref name="RecordId"/>, appended after the record was ingested.</summary>
public sealed record RecordDelivery(string RecordId, DeliveryEvent Event);
