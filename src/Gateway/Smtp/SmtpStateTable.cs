using System.Collections.Frozen;

namespace MailFilter.Gateway.Smtp;

/// <summary>
/// Per state, the verbs allowed and the state each leads to when it succeeds. A verb missing from a state's
/// row gets 503 5.5.1, whose text is built from the same row, so the reply can never drift from the rules.
/// A handler that fails leaves the state as it was, or resets the transaction.
/// </summary>
internal static class SmtpStateTable
{
    static readonly FrozenDictionary<SmtpState, FrozenDictionary<SmtpVerb, SmtpState>> Rows = new Dictionary<SmtpState, FrozenDictionary<SmtpVerb, SmtpState>>
    {
        [SmtpState.AwaitingHello] = Row(SmtpState.AwaitingHello, afterReset: SmtpState.AwaitingHello, new()
        {
            [SmtpVerb.Ehlo] = SmtpState.Ready,
            [SmtpVerb.Helo] = SmtpState.Ready,
        }),
        [SmtpState.Ready] = Row(SmtpState.Ready, afterReset: SmtpState.Ready, new()
        {
            [SmtpVerb.Ehlo] = SmtpState.Ready,
            [SmtpVerb.Helo] = SmtpState.Ready,
            [SmtpVerb.Mail] = SmtpState.MailGiven,
            [SmtpVerb.StartTls] = SmtpState.AwaitingHello,
        }),
        [SmtpState.MailGiven] = Row(SmtpState.MailGiven, afterReset: SmtpState.Ready, new()
        {
            [SmtpVerb.Ehlo] = SmtpState.Ready,
            [SmtpVerb.Helo] = SmtpState.Ready,
            [SmtpVerb.Rcpt] = SmtpState.RecipientsGiven,
            // Allowed so that a pipelined DATA after refused recipients gets 554 5.5.1 "no valid recipients" (RFC 2920 §3.1).
            [SmtpVerb.Data] = SmtpState.MailGiven,
            [SmtpVerb.Bdat] = SmtpState.MailGiven,
        }),
        [SmtpState.RecipientsGiven] = Row(SmtpState.RecipientsGiven, afterReset: SmtpState.Ready, new()
        {
            [SmtpVerb.Ehlo] = SmtpState.Ready,
            [SmtpVerb.Helo] = SmtpState.Ready,
            [SmtpVerb.Rcpt] = SmtpState.RecipientsGiven,
            [SmtpVerb.Data] = SmtpState.Ready,
            [SmtpVerb.Bdat] = SmtpState.ReceivingChunks,
        }),
        [SmtpState.ReceivingChunks] = Row(SmtpState.ReceivingChunks, afterReset: SmtpState.Ready, new()
        {
            [SmtpVerb.Bdat] = SmtpState.ReceivingChunks,
        }),
    }.ToFrozenDictionary();

    static readonly FrozenDictionary<SmtpState, SmtpReply> BadSequenceReplies = Rows.ToFrozenDictionary(
        row => row.Key,
        row => new SmtpReply(503, "5.5.1", "Bad sequence of commands; expected " + Expected(row.Value)));

    public static bool Allows(SmtpState state, SmtpVerb verb) => Rows[state].ContainsKey(verb);

    public static SmtpState Next(SmtpState state, SmtpVerb verb) =>
        Rows[state].TryGetValue(verb, out var next) ? next : throw new InvalidOperationException($"{verb} is not allowed in {state}");

    public static SmtpReply BadSequence(SmtpState state) => BadSequenceReplies[state];

    /// <summary>A row: its own verbs, RSET (to <paramref name="afterReset"/>) and the verbs that never change the state.</summary>
    static FrozenDictionary<SmtpVerb, SmtpState> Row(SmtpState self, SmtpState afterReset, Dictionary<SmtpVerb, SmtpState> verbs)
    {
        verbs.TryAdd(SmtpVerb.Rset, afterReset);
        foreach (var verb in (SmtpVerb[])[SmtpVerb.Quit, SmtpVerb.Noop, SmtpVerb.Vrfy, SmtpVerb.Help, SmtpVerb.NotImplemented])
            verbs.TryAdd(verb, self);
        return verbs.ToFrozenDictionary();
    }

    static string Expected(FrozenDictionary<SmtpVerb, SmtpState> row)
    {
        var names = row.Keys
            .Where(verb => verb is not (SmtpVerb.Rset or SmtpVerb.Quit or SmtpVerb.Noop or SmtpVerb.Vrfy or SmtpVerb.Help or SmtpVerb.NotImplemented))
            .Order()
            .Select(SmtpVerbs.Name)
            .ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}
