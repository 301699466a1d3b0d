namespace MailFilter.Gateway.Tests.Queue;

/// <summary>A message the scripted next hop accepted: the recipients it took, the bytes, and the Stopwatch timestamp of the acceptance.</summary>
public sealed record AcceptedMessage(string[] Recipients, byte[] Content, long Timestamp);
