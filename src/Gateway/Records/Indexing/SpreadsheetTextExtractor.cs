using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MailFilter.Gateway.Records.Indexing;

/// <summary>Excel (.xlsx, .xlsm) text: sheet names, every shared string, and each cell's own value (numbers, inline text).</summary>
public sealed class SpreadsheetTextExtractor : IAttachmentTextExtractor
{
    public bool Reads(string contentType, string fileName) =>
        contentType.StartsWith("application/vnd.openxmlformats-officedocument.spreadsheetml", StringComparison.OrdinalIgnoreCase)
        || contentType.Equals("application/vnd.ms-excel.sheet.macroenabled.12", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".xlsm", StringComparison.OrdinalIgnoreCase);

    public AttachmentText Extract(ReadOnlyMemory<byte> content, AttachmentExtractionLimits limits, CancellationToken cancellationToken) =>
        OfficePackage.Read(content, "Excel", stream =>
        {
            using var document = SpreadsheetDocument.Open(stream, isEditable: false, OfficePackage.Settings(limits));
            var buffer = new ExtractedTextBuffer(limits);
            var workbook = document.WorkbookPart;
            foreach (var sheet in workbook?.Workbook?.Sheets?.Elements<Sheet>() ?? [])
                buffer.Append(sheet.Name?.Value);
            foreach (var item in workbook?.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>() ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (buffer.OutOfTime)
                    return new AttachmentText(buffer.ToString(), buffer.TimeGap);
                if (!buffer.Append(item.InnerText))
                    return new AttachmentText(buffer.ToString(), buffer.LimitGap);
            }
            foreach (var worksheet in workbook?.WorksheetParts ?? [])
            {
                foreach (var cell in worksheet.Worksheet?.Descendants<Cell>() ?? [])
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (buffer.OutOfTime)
                        return new AttachmentText(buffer.ToString(), buffer.TimeGap);
                    // Shared strings were read once above; every other cell carries its own value.
                    var value = cell.DataType?.Value == CellValues.SharedString ? null
                        : cell.InlineString?.InnerText ?? cell.CellValue?.Text;
                    if (!buffer.Append(value))
                        return new AttachmentText(buffer.ToString(), buffer.LimitGap);
                }
            }
            return new AttachmentText(buffer.ToString(), null);
        });
}
