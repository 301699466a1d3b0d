using MailFilter.Classifier.Data;

namespace MailFilter.Classifier.Tests;

public class LabelledDataReaderTests
{
    [Fact]
    public void CsvFieldsMayHoldQuotesCommasAndLineBreaks()
    {
        using var temp = new TempDirectory();
        var path = temp.File("d.csv", "id,text,label\n1,\"Hi Ann,\nyou are a \"\"clown\"\"\",1\n2,plain,0\n");

        var rows = LabelledDataReader.Read(path, new DataSourceOptions());

        rows.Should().HaveCount(2);
        rows[0].Text.Should().Be("Hi Ann,\nyou are a \"clown\"");
        rows[0].Label.Should().BeTrue();
        rows[1].Label.Should().BeFalse();
        rows[1].Source.Should().Be("d.csv:4");
    }

    [Fact]
    public void TsvIsReadWithoutQuotingSoBareQuoteMarksSurvive()
    {
        using var temp = new TempDirectory();
        var path = temp.File("d.tsv", "tweet\tsubtask_a\n\"so\" what\tOFF\nnice day\tNOT\n");

        var rows = LabelledDataReader.Read(path, new DataSourceOptions { TextColumn = "tweet", LabelColumns = ["subtask_a"], PositiveLabels = ["OFF"] });

        rows.Select(r => (r.Text, r.Label)).Should().Equal(("\"so\" what", true), ("nice day", false));
    }

    [Fact]
    public void OlidTrainingLabelsAreJoinedAcrossColumns()
    {
        using var temp = new TempDirectory();
        var path = temp.File("olid.tsv", "id\ttweet\tsubtask_a\tsubtask_b\tsubtask_c\n1\ta\tOFF\tTIN\tIND\n2\tb\tOFF\tUNT\tNULL\n3\tc\tNOT\tNULL\tNULL\n");

        var rows = LabelledDataReader.Read(path, new DataSourceOptions { TextColumn = "tweet", LabelColumns = ["subtask_a", "subtask_b"], PositiveLabels = ["OFF+TIN"] });

        rows.Select(r => r.Label).Should().Equal(true, false, false);
    }

    [Fact]
    public void OlidTestLabelsComeFromLabelFilesJoinedById()
    {
        using var temp = new TempDirectory();
        var data = temp.File("testset-levela.tsv", "id\ttweet\n10\tfirst\n11\tsecond\n12\tthird\n");
        var levelA = temp.File("labels-levela.csv", "10,OFF\n11,OFF\n12,NOT\n");
        var levelB = temp.File("labels-levelb.csv", "10,TIN\n11,UNT\n");

        var rows = LabelledDataReader.Read(data, new DataSourceOptions { TextColumn = "tweet", LabelFiles = [levelA, levelB], PositiveLabels = ["OFF+TIN"] });

        rows.Select(r => (r.Text, r.Label)).Should().Equal(("first", true), ("second", false), ("third", false));
    }

    [Fact]
    public void TheSplitColumnSelectsRows()
    {
        using var temp = new TempDirectory();
        var path = temp.File("c.csv", "split,label,text\ntrain,1,a\ntest,0,b\n");
        LabelledDataReader.Read(path, new DataSourceOptions { Split = "test" }).Should().ContainSingle().Which.Text.Should().Be("b");
    }

    [Fact]
    public void AMissingColumnIsNamedInTheError()
    {
        using var temp = new TempDirectory();
        var path = temp.File("c.csv", "body,label\nx,1\n");
        var read = () => LabelledDataReader.Read(path, new DataSourceOptions());
        read.Should().Throw<InvalidDataException>().WithMessage("*no column 'text'*body, label*");
    }

    [Fact]
    public void AnUnclosedQuoteIsAnError()
    {
        using var temp = new TempDirectory();
        var path = temp.File("c.csv", "text,label\n\"never closed,1\n");
        var read = () => LabelledDataReader.Read(path, new DataSourceOptions());
        read.Should().Throw<InvalidDataException>().WithMessage("*never closed*");
    }

    [SkippableFact]
    public void TheRealOlidTestSetReadsWithTheDocumentedOptions()
    {
        var olid = SharedData.RequireDirectory("olid");
        var rows = LabelledDataReader.Read(Path.Combine(olid, "testset-levela.tsv"), new DataSourceOptions
        {
            TextColumn = "tweet",
            LabelFiles = [Path.Combine(olid, "labels-levela.csv"), Path.Combine(olid, "labels-levelb.csv")],
            PositiveLabels = ["OFF+TIN"],
        });
        rows.Should().HaveCount(860);
        rows.Count(r => r.Label).Should().Be(213);
    }
}
