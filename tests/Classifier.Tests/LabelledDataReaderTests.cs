using MailFilter.Classifier.Data;

namespace MailFilter.Classifier.Tests;

public class LabelledDataReaderTests
{
    [Fact]
    public void CSV_fields_may_hold_quotes_commas_and_line_breaks()
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
    public void TSV_is_read_without_quoting_so_bare_quote_marks_survive()
    {
        using var temp = new TempDirectory();
        var path = temp.File("d.tsv", "tweet\tsubtask_a\n\"so\" what\tOFF\nnice day\tNOT\n");

        var rows = LabelledDataReader.Read(path, new DataSourceOptions { TextColumn = "tweet", LabelColumns = ["subtask_a"], PositiveLabels = ["OFF"] });

        rows.Select(r => (r.Text, r.Label)).Should().Equal(("\"so\" what", true), ("nice day", false));
    }

    [Fact]
    public void OLID_training_labels_are_joined_across_columns()
    {
        using var temp = new TempDirectory();
        var path = temp.File("olid.tsv", "id\ttweet\tsubtask_a\tsubtask_b\tsubtask_c\n1\ta\tOFF\tTIN\tIND\n2\tb\tOFF\tUNT\tNULL\n3\tc\tNOT\tNULL\tNULL\n");

        var rows = LabelledDataReader.Read(path, new DataSourceOptions { TextColumn = "tweet", LabelColumns = ["subtask_a", "subtask_b"], PositiveLabels = ["OFF+TIN"] });

        rows.Select(r => r.Label).Should().Equal(true, false, false);
    }

    [Fact]
    public void OLID_test_labels_come_from_label_files_joined_by_id()
    {
        using var temp = new TempDirectory();
        var data = temp.File("testset-levela.tsv", "id\ttweet\n10\tfirst\n11\tsecond\n12\tthird\n");
        var levelA = temp.File("labels-levela.csv", "10,OFF\n11,OFF\n12,NOT\n");
        var levelB = temp.File("labels-levelb.csv", "10,TIN\n11,UNT\n");

        var rows = LabelledDataReader.Read(data, new DataSourceOptions { TextColumn = "tweet", LabelFiles = [levelA, levelB], PositiveLabels = ["OFF+TIN"] });

        rows.Select(r => (r.Text, r.Label)).Should().Equal(("first", true), ("second", false), ("third", false));
    }

    [Fact]
    public void The_split_column_selects_rows()
    {
        using var temp = new TempDirectory();
        var path = temp.File("c.csv", "split,label,text\ntrain,1,a\ntest,0,b\n");
        LabelledDataReader.Read(path, new DataSourceOptions { Split = "test" }).Should().ContainSingle().Which.Text.Should().Be("b");
    }

    [Fact]
    public void A_missing_column_is_named_in_the_error()
    {
        using var temp = new TempDirectory();
        var path = temp.File("c.csv", "body,label\nx,1\n");
        var read = () => LabelledDataReader.Read(path, new DataSourceOptions());
        read.Should().Throw<InvalidDataException>().WithMessage("*no column 'text'*body, label*");
    }

    [Fact]
    public void An_unclosed_quote_is_an_error()
    {
        using var temp = new TempDirectory();
        var path = temp.File("c.csv", "text,label\n\"never closed,1\n");
        var read = () => LabelledDataReader.Read(path, new DataSourceOptions());
        read.Should().Throw<InvalidDataException>().WithMessage("*never closed*");
    }

    [SkippableFact]
    public void The_real_OLID_test_set_reads_with_the_documented_options()
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
