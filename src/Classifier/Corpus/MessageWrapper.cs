using System.Text;

namespace MailFilter.Classifier.Corpus;

/// <summary>Puts a generated core text into an e-mail body: greeting, context, sign-off, signature and history.</summary>
internal sealed class MessageWrapper(Grammar grammar, Random random)
{
    public string Wrap(string core, bool harassing, bool quoteHarassment)
    {
        var body = new StringBuilder();
        if (random.NextDouble() < 0.7)
            body.Append(grammar.Expand("{greeting} {first_name},", random)).Append("\n\n");
        var before = random.Next(harassing ? 2 : 3);
        for (var i = 0; i < before; i++)
            body.Append(grammar.Pick("filler", random)).Append(i == before - 1 ? "\n\n" : " ");
        body.Append(CorpusGenerator.Capitalised(core)).Append("\n\n");
        if (random.NextDouble() < 0.4)
            body.Append(grammar.Pick(random.NextDouble() < 0.5 ? "filler" : "closing_line", random)).Append("\n\n");
        if (random.NextDouble() < 0.75)
            body.Append(grammar.Pick("signoff", random)).Append('\n');
        if (random.NextDouble() < 0.6)
            body.Append(random.NextDouble() < 0.5 ? "-- \n" : "").Append(grammar.Pick("signature", random)).Append('\n');
        if (quoteHarassment || random.NextDouble() < 0.3)
            AppendHistory(body, quoteHarassment);
        return body.ToString().TrimEnd() + "\n";
    }

    void AppendHistory(StringBuilder body, bool harassment)
    {
        var earlier = harassment ? HarassingLine() : grammar.Expand("{filler} {filler}", random);
        switch (random.Next(3))
        {
            case 0:
                body.Append('\n').Append(grammar.Expand("On {weekday}, {month} {3|11|17|24}, 2026 at {time} AM, {full_name} <{first_name}@{example.org|riverton.gov|harlancounty.us|gmail.com}> wrote:", random)).Append('\n');
                foreach (var line in Wrap72(earlier))
                    body.Append("> ").Append(line).Append('\n');
                break;
            case 1:
                body.Append("\n-----Original Message-----\n")
                    .Append(grammar.Expand("From: {full_name}\nSent: {weekday}, {month} {4|9|15}, 2026 {time} PM\nTo: {full_name}\nSubject: RE: {topic}\n\n", random))
                    .Append(earlier).Append('\n');
                break;
            default:
                body.Append("\n---------- Forwarded message ---------\n")
                    .Append(grammar.Expand("From: {full_name} <{first_name}@example.org>\nDate: {weekday}, {month} {5|12|19}, 2026\nSubject: {topic}\nTo: {full_name}\n\n", random))
                    .Append(earlier).Append('\n');
                break;
        }
    }

    string HarassingLine()
    {
        var harassing = grammar.Groups.Where(g => g.Harassing && !g.Blind).ToList();
        var group = harassing[random.Next(harassing.Count)];
        return CorpusGenerator.Capitalised(grammar.Expand(group.Templates[random.Next(group.Templates.Count)], random));
    }

    static IEnumerable<string> Wrap72(string text)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length + word.Length > 72 && line.Length > 0)
            {
                yield return line.ToString().TrimEnd();
                line.Clear();
            }
            line.Append(word).Append(' ');
        }
        if (line.Length > 0)
            yield return line.ToString().TrimEnd();
    }
}
