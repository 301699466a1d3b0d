using MailFilter.Classifier.Training;

namespace MailFilter.Classifier.Data;

/// <summary>Reads <see cref="LabelledExample"/>s from CSV/TSV files as <see cref="DataSourceOptions"/> describe.</summary>
public static class LabelledDataReader
{
    public static List<LabelledExample> Read(string path, DataSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var delimiter = options.Delimiter ?? DelimitedReader.DelimiterFor(path);
        var labelFiles = options.LabelFiles.Select(ReadLabelFile).ToList();
        var positives = new HashSet<string>(options.PositiveLabels, StringComparer.OrdinalIgnoreCase);
        var name = Path.GetFileName(path);
        using var reader = new StreamReader(path);
        using var records = DelimitedReader.Read(reader, delimiter, quoted: delimiter != '\t').GetEnumerator();
        if (!records.MoveNext())
            throw new InvalidDataException($"{name}: the file is empty");
        var header = records.Current.Fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToArray();
        var text = Column(header, options.TextColumn, name);
        var labels = labelFiles.Count > 0 && options.LabelColumns.SequenceEqual(["label"]) && !header.Contains("label")
            ? []
            : options.LabelColumns.Select(c => Column(header, c, name)).ToArray();
        var id = labelFiles.Count > 0 ? Column(header, options.IdColumn, name) : -1;
        var split = options.Split is null ? -1 : Column(header, options.SplitColumn, name);

        var examples = new List<LabelledExample>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            var needed = new[] { text, id, split }.Concat(labels).Max();
            if (fields.Length <= needed)
                throw new InvalidDataException($"{name}:{line}: expected at least {needed + 1} fields, found {fields.Length}");
            if (split >= 0 && !string.Equals(fields[split].Trim(), options.Split, StringComparison.OrdinalIgnoreCase))
                continue;
            var parts = labels.Select(c => fields[c].Trim()).ToList();
            foreach (var file in labelFiles)
                if (file.TryGetValue(fields[id].Trim(), out var label))
                    parts.Add(label);
            if (parts.Count == 0)
                throw new InvalidDataException($"{name}:{line}: no label for id '{fields[id].Trim()}' in the label files");
            examples.Add(new LabelledExample(fields[text], positives.Contains(string.Join('+', parts)), $"{name}:{line}"));
        }
        return examples;
    }

    static int Column(string[] header, string column, string file)
    {
        var index = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? index
            : throw new InvalidDataException($"{file}: no column '{column}' (columns: {string.Join(", ", header)})");
    }

    /// <summary>An <c>id,label</c> file without a header, as OLID's <c>labels-level*.csv</c>.</summary>
    static Dictionary<string, string> ReadLabelFile(string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        foreach (var (line, fields) in DelimitedReader.Read(reader, DelimitedReader.DelimiterFor(path), quoted: false))
        {
            if (fields.Length < 2)
                throw new InvalidDataException($"{Path.GetFileName(path)}:{line}: expected 'id,label'");
            labels[fields[0].Trim()] = fields[1].Trim();
        }
        return labels;
    }
}
