using MailFilter.Classifier.Features;
using MailFilter.Classifier.Model;
using MailFilter.Classifier.Text;
using MimeKit;

namespace MailFilter.Classifier;

/// <summary>
/// Scores messages for harassment with a trained <see cref="LinearModel"/>. Load it once and share it: the model is
/// immutable, scoring is one pass over the sender's text with no engine per call, so any number of threads may
/// call <see cref="Score(string)"/> at once.
/// </summary>
public sealed class HarassmentClassifier
{
    /// <summary>Sentences shorter than this (a greeting, "Thanks!") are too short to judge alone.</summary>
    public const int MinSentenceTokens = 3;

    /// <summary>
    /// A single sentence must beat the whole text by this much (in log-odds) to set the message score: one sentence is
    /// less evidence than a message, and without the margin the noisiest of forty sentences would decide.
    /// </summary>
    public const double DefaultSentenceMargin = 2.0;

    const int TopSentenceCount = 3;
    const int TopTermCount = 8;
    const string EmbeddedModelName = "MailFilter.Classifier.harassment.mfhc";

    static readonly Lazy<HarassmentClassifier> Shipped = new(LoadShipped);

    [ThreadStatic]
    static List<Sentence>? sentenceBuffer;

    readonly LinearModel model;
    readonly SparseWeights weights;

    readonly double sentenceMargin;

    /// <param name="sentenceMargin">How much (log-odds) the best sentence must beat the whole text to decide; tools compare margins.</param>
    public HarassmentClassifier(LinearModel model, double sentenceMargin = DefaultSentenceMargin)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(sentenceMargin);
        this.model = model;
        this.sentenceMargin = sentenceMargin;
        weights = new SparseWeights(model.Weights);
    }

    /// <summary>The model shipped inside this assembly.</summary>
    public static HarassmentClassifier Default => Shipped.Value;

    public static HarassmentClassifier Load(string path) => new(LinearModel.Load(path));

    /// <summary>
    /// Scores two small built-in messages, plain text and HTML, so that every scoring path is loaded and compiled
    /// before real mail arrives: the first HTML body alone costs about 0.2 s of JIT compiling (MimeKit's HTML
    /// tokenizer). Run it on a spare thread while the rest of the program starts; it changes no later score.
    /// </summary>
    public HarassmentClassifier WarmUp()
    {
        const string body = "Hi Sam,\n\nThe agenda for Monday is attached. Please review it before the meeting!\n\n" +
            "On Mon, Mar 2, 2026 at 9:00 AM, Pat <pat@example.org> wrote:\n> Can you send the agenda?\n\nThanks,\nAlex\n-- \nAlex\n";
        Score(new MimeMessage { Subject = "Re: Monday agenda", Body = new TextPart("plain") { Text = body } });
        Score(new MimeMessage { Subject = "Agenda", Body = new TextPart("html") { Text = "<html><head><style>p{}</style></head><body><p>The agenda &amp; minutes</p><blockquote>quoted</blockquote><br/></body></html>" } });
        return this;
    }

    public string ModelVersion => model.Version;

    public LinearModel Model => model;

    /// <summary>Scores the subject and the first <paramref name="maxTextChars"/> characters of the body.</summary>
    public HarassmentScore Score(MimeMessage message, int maxTextChars = MessageText.DefaultMaxChars) => Score(MessageText.Of(message, maxTextChars));

    /// <summary>Scores a message body (or any text): quotes, forwarded history and signature are stripped first.</summary>
    public HarassmentScore Score(string body) => ScoreAuthored(AuthoredText.Extract(body));

    /// <summary>The message probability alone, without explanations.</summary>
    public double Probability(string body) => ScoreAuthored(AuthoredText.Extract(body), explain: false).Probability;

    internal HarassmentScore ScoreAuthored(string text, bool explain = true)
    {
        var sentences = sentenceBuffer ??= [];
        SentenceSplitter.Split(text, sentences);
        var whole = new LinearScoreVisitor(weights);
        Span<(int Sentence, double Raw)> best = stackalloc (int, double)[TopSentenceCount];
        best.Fill((-1, double.NegativeInfinity));
        for (var i = 0; i < sentences.Count; i++)
        {
            var visitor = new LinearScoreVisitor(weights);
            model.Space.Visit(sentences[i].In(text), ref visitor);
            whole.Add(visitor);
            if (visitor.TokenCount >= MinSentenceTokens)
                Insert(best, i, visitor.Raw(model.Bias, model.Space));
        }
        var wholeRaw = whole.Raw(model.Bias, model.Space);
        var wholeProbability = model.Probability(wholeRaw);
        var decidedBySentence = best[0].Sentence >= 0 && best[0].Raw - sentenceMargin > wholeRaw;
        var probability = decidedBySentence ? model.Probability(best[0].Raw - sentenceMargin) : wholeProbability;
        if (!explain)
            return new HarassmentScore(probability, model.Version, wholeProbability, [], []);

        var topSentences = new List<SentenceScore>(TopSentenceCount);
        foreach (var (index, raw) in best)
            if (index >= 0)
                topSentences.Add(new SentenceScore(sentences[index].In(text).ToString(), Math.Round(model.Probability(raw), 4)));
        var terms = Explain(decidedBySentence ? sentences[best[0].Sentence].In(text) : text);
        return new HarassmentScore(probability, model.Version, wholeProbability, topSentences, terms);
    }

    IReadOnlyList<TermContribution> Explain(ReadOnlySpan<char> text)
    {
        var visitor = new ContributionVisitor(weights);
        model.Space.Visit(text, ref visitor);
        return visitor.Terms(model.Space, TopTermCount);
    }

    static void Insert(Span<(int Sentence, double Raw)> best, int sentence, double raw)
    {
        for (var k = 0; k < best.Length; k++)
        {
            if (raw <= best[k].Raw)
                continue;
            for (var m = best.Length - 1; m > k; m--)
                best[m] = best[m - 1];
            best[k] = (sentence, raw);
            return;
        }
    }

    static HarassmentClassifier LoadShipped()
    {
        using var stream = typeof(HarassmentClassifier).Assembly.GetManifestResourceStream(EmbeddedModelName)
            ?? throw new InvalidOperationException($"The shipped model {EmbeddedModelName} is missing from the assembly.");
        return new HarassmentClassifier(LinearModel.Load(stream));
    }
}
