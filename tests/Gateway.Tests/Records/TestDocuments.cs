using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Drawing = DocumentFormat.OpenXml.Drawing;
using Presentation = DocumentFormat.OpenXml.Presentation;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>Small PDF and Office files made in the test, so no binary fixture has to be trusted.</summary>
public static class TestDocuments
{
    static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A PDF with one page per string, each holding that text.</summary>
    public static byte[] Pdf(params string[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages)
            builder.AddPage(PageSize.A4).AddText(text, 12, new PdfPoint(50, 700), font);
        return builder.Build();
    }

    /// <summary>A scan: one page with a picture and no text.</summary>
    public static byte[] ImageOnlyPdf()
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(PageSize.A4).AddPng(OnePixelPng, new PdfRectangle(50, 50, 500, 700));
        return builder.Build();
    }

    /// <summary>
    /// A PDF whose trailer names a Standard security handler with a user password (not the empty one): what a
    /// reader sees of a password-protected PDF. PdfPig writes no encrypted files, so the dictionary is put in by hand.
    /// </summary>
    public static byte[] PasswordProtectedPdf()
    {
        var pdf = System.Text.Encoding.Latin1.GetString(Pdf("secret minutes"));
        var trailer = pdf.IndexOf("<<", pdf.LastIndexOf("trailer", StringComparison.Ordinal), StringComparison.Ordinal) + 2;
        var encrypt = $"/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /O <{new string('1', 64)}> /U <{new string('2', 64)}> /P -4 >> ";
        return System.Text.Encoding.Latin1.GetBytes(pdf[..trailer] + encrypt + pdf[trailer..]);
    }

    public static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Word.Document(new Word.Body(paragraphs.Select(p => new Word.Paragraph(new Word.Run(new Word.Text(p))))));
        }
        return stream.ToArray();
    }

    public static byte[] Xlsx(params string[] cells)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Spreadsheet.Workbook();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var row = new Spreadsheet.Row(cells.Select(c => new Spreadsheet.Cell
            {
                DataType = Spreadsheet.CellValues.InlineString,
                InlineString = new Spreadsheet.InlineString(new Spreadsheet.Text(c)),
            }));
            sheet.Worksheet = new Spreadsheet.Worksheet(new Spreadsheet.SheetData(row));
            workbook.Workbook.AppendChild(new Spreadsheet.Sheets(new Spreadsheet.Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Ledger" }));
        }
        return stream.ToArray();
    }

    public static byte[] Pptx(params string[] slides)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            presentation.Presentation = new Presentation.Presentation(new Presentation.SlideIdList());
            uint id = 256;
            foreach (var text in slides)
            {
                var slide = presentation.AddNewPart<SlidePart>();
                slide.Slide = new Presentation.Slide(new Presentation.CommonSlideData(new Presentation.ShapeTree(
                    new Presentation.Shape(new Presentation.TextBody(new Drawing.BodyProperties(), new Drawing.Paragraph(new Drawing.Run(new Drawing.Text(text))))))));
                presentation.Presentation.SlideIdList!.AppendChild(new Presentation.SlideId { Id = id++, RelationshipId = presentation.GetIdOfPart(slide) });
            }
        }
        return stream.ToArray();
    }

    /// <summary>What an encrypted .docx looks like from outside: an OLE compound file, not a zip.</summary>
    public static byte[] EncryptedOffice() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];
}
