using MailFilter.Classifier.Data;

namespace MailFilter.Classifier.Tests;

/// <summary>samples/eml/harassment/: harassing messages reach the tag threshold, hard negatives stay below it.</summary>
public class SampleMessageTests
{
    static string Folder => Path.Combine(RepositoryPaths.Samples, "harassment");

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.eml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_scores_on_the_side_of_the_tag_threshold_its_name_states(string name)
    {
        var score = HarassmentClassifier.Default.Score(MessageFiles.Load(Path.Combine(Folder, name)));
        var why = $"{score.Probability:0.000}: {string.Join(", ", score.TopTerms.Select(t => t.Term))}";

        if (name.Contains("hard-negative", StringComparison.Ordinal))
            score.Probability.Should().BeLessThan(HarassmentThresholds.Tag, why);
        else
            score.Probability.Should().BeGreaterThanOrEqualTo(HarassmentThresholds.Tag, why);
    }

    [Fact]
    public void Samples_are_CRLF_throughout()
    {
        foreach (var file in Directory.EnumerateFiles(Folder, "*.eml"))
        {
            var bytes = File.ReadAllBytes(file);
            for (var i = 0; i < bytes.Length; i++)
                if (bytes[i] == '\n')
                    (i > 0 && bytes[i - 1] == '\r').Should().BeTrue($"{Path.GetFileName(file)} has a bare LF at byte {i}");
        }
    }
}
