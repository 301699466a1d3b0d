namespace MailFilter.Classifier.Data;

/// <summary>
/// How to read labelled rows from a CSV or TSV file. The label of a row is its label columns' values joined with
/// <c>+</c>, then the values found for its id in each <see cref="LabelFiles"/> file (<c>id,label</c> lines), also
/// joined with <c>+</c>: OLID's test set read with <c>labels-levela.csv</c> and <c>labels-levelb.csv</c> gives
/// <c>OFF+TIN</c>, <c>OFF+UNT</c> or <c>NOT</c>. A row is positive when its label is one of <see cref="PositiveLabels"/>.
/// </summary>
public sealed record DataSourceOptions
{
    public static readonly IReadOnlyList<string> DefaultPositiveLabels = ["1", "true", "yes", "harassment"];

    public string TextColumn { get; init; } = "text";
    public IReadOnlyList<string> LabelColumns { get; init; } = ["label"];
    public string IdColumn { get; init; } = "id";
    public IReadOnlyList<string> LabelFiles { get; init; } = [];
    public IReadOnlyList<string> PositiveLabels { get; init; } = DefaultPositiveLabels;

    /// <summary>When set, only rows whose <see cref="SplitColumn"/> holds this value (e.g. <c>train</c>, <c>test</c>).</summary>
    public string? Split { get; init; }
    public string SplitColumn { get; init; } = "split";

    /// <summary>The field delimiter; by default tab for .tsv/.tab/.txt files and comma otherwise.</summary>
    public char? Delimiter { get; init; }
}
