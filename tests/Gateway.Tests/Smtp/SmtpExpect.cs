namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>Helpers to read a server transcript.</summary>
internal static class SmtpExpect
{
    /// <summary>The reply lines (continuation lines of multi-line replies dropped), greeting included.</summary>
    public static IReadOnlyList<string> Replies(string transcript) =>
        transcript.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Where(line => line.Length < 4 || line[3] != '-').ToList();

    /// <summary>The code and enhanced code of each reply, e.g. "250 2.1.0", greeting included.</summary>
    public static IReadOnlyList<string> Codes(string transcript) =>
        Replies(transcript).Select(line => string.Join(' ', line.Split(' ').Take(line.Length > 4 && char.IsDigit(line[4]) ? 2 : 1))).ToList();
}
