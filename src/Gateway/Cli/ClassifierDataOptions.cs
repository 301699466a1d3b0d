using System.CommandLine;
using MailFilter.Classifier.Data;

namespace MailFilter.Gateway.Cli;

/// <summary>The options that say how <c>classifier train</c> and <c>classifier eval</c> read labelled CSV/TSV files.</summary>
public static class ClassifierDataOptions
{
    public static readonly Option<string> TextColumn = new("--text-column") { Description = "The column holding the text. Default: text", DefaultValueFactory = _ => "text" };
    public static readonly Option<string[]> LabelColumns = new("--label-column") { Description = "Label column(s); several are joined with '+'. Default: label", AllowMultipleArgumentsPerToken = false };
    public static readonly Option<string[]> LabelFiles = new("--labels") { Description = "id,label files joined to the data by --id-column (OLID: labels-levela.csv then labels-levelb.csv)." };
    public static readonly Option<string> IdColumn = new("--id-column") { Description = "The id column used to join --labels files. Default: id", DefaultValueFactory = _ => "id" };
    public static readonly Option<string[]> Positive = new("--positive") { Description = "Label value(s) that mean harassment, e.g. OFF+TIN. Default: 1, true, yes, harassment" };
    public static readonly Option<string?> Split = new("--split") { Description = "Only rows whose 'split' column holds this value (train or test in the project corpus)." };

    public static void AddTo(Command command)
    {
        command.Options.Add(TextColumn);
        command.Options.Add(LabelColumns);
        command.Options.Add(LabelFiles);
        command.Options.Add(IdColumn);
        command.Options.Add(Positive);
        command.Options.Add(Split);
    }

    public static DataSourceOptions From(ParseResult parse)
    {
        var labelColumns = parse.GetValue(LabelColumns);
        var positive = parse.GetValue(Positive);
        return new DataSourceOptions
        {
            TextColumn = parse.GetValue(TextColumn) ?? "text",
            LabelColumns = labelColumns is { Length: > 0 } ? labelColumns : ["label"],
            LabelFiles = parse.GetValue(LabelFiles) ?? [],
            IdColumn = parse.GetValue(IdColumn) ?? "id",
            PositiveLabels = positive is { Length: > 0 } ? positive : DataSourceOptions.DefaultPositiveLabels,
            Split = parse.GetValue(Split),
        };
    }
}
