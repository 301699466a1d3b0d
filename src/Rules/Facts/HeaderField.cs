namespace MailFilter.Rules.Facts;

/// <summary>One header field, its value decoded (RFC 2047) and unfolded.</summary>
public sealed record HeaderField(string Name, string Value);
