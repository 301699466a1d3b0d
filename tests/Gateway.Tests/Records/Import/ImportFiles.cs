namespace MailFilter.Gateway.Tests.Records.Import;

/// <summary>Mail as other systems leave it on disk: an mbox, a Maildir, a folder of .eml files.</summary>
public static class ImportFiles
{
    public const string Minutes =
        "From: Alice <alice@example.com>\nTo: bob@city.example\nSubject: Council minutes\nMessage-ID: <minutes-1@example.com>\n" +
        "Date: Mon, 3 Mar 2025 09:00:00 -0600\n\nThe minutes mention the zeppelin hangar.\n";

    /// <summary>No header section MIME can read: the first line is not a header.</summary>
    public const string Noise = "this scanner output is not a mail header at all\nsecond line\n";

    public const string Lunch = "From: Carol <carol@example.com>\nTo: bob@city.example\nSubject: lunch\n\nLunch at noon? From the deli.\n";

    /// <summary>Three messages, the second unreadable, the last without a Date header (filed under its "From " line's time).</summary>
    public static string Mbox =>
        "From alice@example.com Mon Mar  3 15:00:00 2025\n" + Minutes + "\n" +
        "From scanner@city.example Tue Mar  4 16:00:00 2025\n" + Noise + "\n" +
        "From carol@example.com Wed Mar  5 17:30:00 2025\n" + Lunch + "\n";

    public static string Walrus(string id) =>
        $"From: Dave <dave@example.com>\r\nTo: records@city.example\r\nSubject: walrus {id}\r\nMessage-ID: <{id}@example.com>\r\n\r\nThe walrus exhibit opens {id}.\r\n";
}
