using CsvHelper;

namespace Paydesk.Application.Exports;

/// <summary>
/// How Paydesk writes CSV: CsvHelper's RFC 4180 defaults (UTF-8 without a byte-order mark, CRLF
/// line ends, a field quoted when it holds a comma, quote or line break, its quotes doubled).
/// CsvHelper writes into its own bounded buffer and touches the output only when a record ends
/// with the buffer mostly full, asynchronously here: ASP.NET Core refuses synchronous writes to a
/// response, and the rows go out as they come.
/// A text field that a spreadsheet would run as a formula (starting with =, @, +, -, tab or CR) is
/// written after an apostrophe, CsvHelper's guard against CSV injection; numbers are never touched.
/// </summary>
internal static class CsvFormat
{
    public static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    public static CsvWriter Create(Stream output) => CsvWriter.Create(output, Options, leaveOpen: true);

    public static async Task WriteHeaderAsync(CsvWriter csv, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            csv.WriteField(name);
        }

        await csv.EndRecordAsync(cancellationToken);
    }
}
