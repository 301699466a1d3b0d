namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>
/// Conversations written as "C:" (client sends) and "S:" (server answers) lines, replayed over an in-memory
/// pipe. Consecutive C: lines go out in one write, as a pipelining client sends them. An S: line ending in
/// "*" matches any reply that starts with what comes before it.
/// </summary>
public class SmtpTranscriptTests
{
    public static TheoryData<string, string> Transcripts => new()
    {
        {
            "one message, then quit",
            """
            S: 220 mx.test ESMTP MailFilter ready
            C: EHLO client.test
            S: 250-mx.test greets client.test
            S: 250-PIPELINING
            S: 250-SIZE 67108864
            S: 250-8BITMIME
            S: 250-SMTPUTF8
            S: 250-ENHANCEDSTATUSCODES
            S: 250 CHUNKING
            C: MAIL FROM:<alice@example.com>
            S: 250 2.1.0 Sender ok
            C: RCPT TO:<bob@example.org>
            S: 250 2.1.5 Recipient ok
            C: DATA
            S: 354 End data with <CR><LF>.<CR><LF>
            C: Subject: hi
            C:
            C: hello
            C: .
            S: 250 2.0.0 Ok: queued as *
            C: QUIT
            S: 221 2.0.0 Bye
            """
        },
        {
            "a pipelined group gets its replies in order",
            """
            S: 220 *
            C: EHLO client.test
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250 CHUNKING
            C: MAIL FROM:<alice@example.com> SIZE=20
            C: RCPT TO:<bob@example.org>
            C: RCPT TO:<bad address>
            C: RCPT TO:<carol@example.org>
            C: DATA
            S: 250 2.1.0 *
            S: 250 2.1.5 *
            S: 501 5.1.3 Bad recipient address syntax
            S: 250 2.1.5 *
            S: 354 *
            C: body
            C: .
            C: NOOP
            S: 250 2.0.0 Ok: queued as *
            S: 250 2.0.0 Ok
            """
        },
        {
            "RSET ends the transaction",
            """
            S: 220 *
            C: HELO client.test
            S: 250 mx.test
            C: MAIL FROM:<alice@example.com>
            S: 250 2.1.0 *
            C: RSET
            S: 250 2.0.0 Ok
            C: RCPT TO:<bob@example.org>
            S: 503 5.5.1 Bad sequence of commands; expected EHLO, HELO, MAIL or STARTTLS
            C: MAIL FROM:<alice@example.com>
            S: 250 2.1.0 *
            C: MAIL FROM:<alice@example.com>
            S: 503 5.5.1 Bad sequence of commands; expected EHLO, HELO, RCPT, DATA or BDAT
            """
        },
        {
            "commands before the greeting is answered are a bad sequence",
            """
            S: 220 *
            C: MAIL FROM:<alice@example.com>
            S: 503 5.5.1 Bad sequence of commands; expected EHLO or HELO
            C: DATA
            S: 503 5.5.1 *
            C: EHLO client.test
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250 CHUNKING
            C: DATA
            S: 503 5.5.1 *
            """
        },
        {
            "two messages on one connection, the second by BDAT",
            """
            S: 220 *
            C: EHLO client.test
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250-*
            S: 250 CHUNKING
            C: MAIL FROM:<>
            C: RCPT TO:<bob@example.org>
            C: DATA
            S: 250 2.1.0 *
            S: 250 2.1.5 *
            S: 354 *
            C: one
            C: .
            S: 250 2.0.0 Ok: queued as *
            C: MAIL FROM:<alice@example.com>
            C: RCPT TO:<bob@example.org>
            C: BDAT 5 LAST
            C: two
            S: 250 2.1.0 *
            S: 250 2.1.5 *
            S: 250 2.0.0 Ok: queued as *
            """
        },
    };

    [Theory]
    [MemberData(nameof(Transcripts))]
    public async Task Transcript_is_followed(string name, string transcript)
    {
        await using var harness = SmtpSessionHarness.Start();
        var pendingClientLines = new List<string>();
        foreach (var line in transcript.Split('\n').Select(line => line.TrimEnd('\r')))
        {
            if (line.StartsWith("C:"))
            {
                pendingClientLines.Add(line.Length > 3 ? line[3..] : "");
                continue;
            }
            if (pendingClientLines.Count > 0)
            {
                await harness.SendAsync(string.Concat(pendingClientLines.Select(client => client + "\r\n")));
                pendingClientLines.Clear();
            }
            var expected = line[3..];
            var actual = await harness.ReadLineAsync();
            if (expected.EndsWith('*'))
                actual.Should().StartWith(expected[..^1], name);
            else
                actual.Should().Be(expected, name);
        }
        if (pendingClientLines.Count > 0)
            await harness.SendAsync(string.Concat(pendingClientLines.Select(client => client + "\r\n")));
    }
}
