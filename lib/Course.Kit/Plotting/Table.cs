using System.Globalization;
using System.Net;
using System.Text;

namespace Course.Plotting;

/// <summary>
/// Rows of any type (records, anonymous objects) as a plain HTML table, one column per public property. The notebook
/// kernel's default formatter nests anonymous objects in collapsed rows; lessons show results as tables instead.
/// </summary>
/// <remarks>Headers are the property names as words ("QueriesToRepayFit" → "Queries to repay fit", acronyms kept:
/// "MeanARI" → "Mean ARI"; an underscore joins two names with a dash, capitals kept: "Davies_Bouldin" →
/// "Davies–Bouldin"); numbers are written as <see cref="Wording.Number"/> writes them unless a format is
/// given, so a table never shows "3.96E+008".</remarks>
public static class Table
{
    /// <summary>The rows as an HTML table; numbers are printed with <paramref name="format"/> (default: 3 significant
    /// digits, whole numbers with separators, see <see cref="Wording.Number"/>).</summary>
    public static string Html<T>(IEnumerable<T> rows, string? title = null, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        // Rows typed as object (e.g. a List<object> of anonymous rows) take their columns from the first row.
        var type = typeof(T) == typeof(object) && list.Count > 0 && list[0] is { } first ? first.GetType() : typeof(T);
        var props = type.GetProperties().Where(p => p.GetIndexParameters().Length == 0).ToArray();
        return Grid(props.Select(p => Header(p.Name)).ToList(), list.Select(row => props.Select(p => Text(p.GetValue(row), format)).ToList()), title);
    }

    /// <summary>
    /// A long table turned wide: one row per distinct <paramref name="rowKey"/>, one column per distinct
    /// <paramref name="columnKey"/> (both in order of first appearance), each cell the <paramref name="cell"/> text of
    /// the item with those keys (empty where there is none). For results per (setting, method), e.g. accuracy per
    /// labelling budget and strategy, which read better side by side than as one long column.
    /// </summary>
    public static string Pivot<T>(IEnumerable<T> items, Func<T, object> rowKey, Func<T, object> columnKey, Func<T, string> cell, string rowHeader, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(rowKey);
        ArgumentNullException.ThrowIfNull(columnKey);
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(rowHeader);
        var list = items.ToList();
        var rows = list.Select(rowKey).Distinct().ToList();
        var columns = list.Select(columnKey).Distinct().ToList();
        var cells = list.GroupBy(i => (rowKey(i), columnKey(i))).ToDictionary(g => g.Key, g => cell(g.Last()));
        return Grid([rowHeader, .. columns.Select(c => Text(c, null))],
            rows.Select(r => (IReadOnlyList<string>)[Text(r, null), .. columns.Select(c => cells.GetValueOrDefault((r, c), ""))]), title);
    }

    /// <summary>
    /// A <see cref="Microsoft.Data.Analysis.DataFrame"/> as an HTML table: its column names, the first
    /// <paramref name="head"/> and last <paramref name="tail"/> rows (every row when there are no more than their sum,
    /// with a "…" row between otherwise) and a caption giving the full size. The set-up cell registers this as the
    /// notebook's formatter for data frames, which the kernel would otherwise show as a nested object tree.
    /// </summary>
    public static string Frame(Microsoft.Data.Analysis.DataFrame frame, int head = 10, int tail = 5, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(head);
        ArgumentOutOfRangeException.ThrowIfNegative(tail);
        long n = frame.Rows.Count;
        var shown = n <= head + tail ? Enumerable.Range(0, (int)n).Select(i => (long)i).ToList()
            : [.. Enumerable.Range(0, head).Select(i => (long)i), -1, .. Enumerable.Range(0, tail).Select(i => n - tail + i)];
        var columns = frame.Columns.ToList();
        var rows = shown.Select(i => i < 0 ? (IReadOnlyList<string>)["…", .. columns.Select(_ => "…")]
            : [i.ToString(CultureInfo.InvariantCulture), .. columns.Select(c => Text(c[i], format))]);
        return Grid(["", .. columns.Select(c => c.Name)], rows, string.Create(CultureInfo.InvariantCulture, $"DataFrame: {n:N0} rows × {columns.Count} columns"));
    }

    private static string Text(object? v, string? format) => v switch
    {
        double d => format is null ? Wording.Number(d) : d.ToString(format, CultureInfo.InvariantCulture),
        float f => format is null ? Wording.Number(f) : f.ToString(format, CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        null => "",
        _ => v.ToString() ?? "",
    };

    private static string Grid(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? title)
    {
        var sb = new StringBuilder("<table class=\"course-table\" style=\"border-collapse:collapse;font-family:sans-serif;font-size:13px\">");
        if (title is not null) sb.Append($"<caption style=\"text-align:left;font-weight:bold\">{WebUtility.HtmlEncode(title)}</caption>");
        sb.Append("<thead><tr>");
        foreach (var h in header) sb.Append($"<th style=\"border-bottom:1px solid #999;padding:3px 10px;text-align:right\">{WebUtility.HtmlEncode(h)}</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var text in row) sb.Append($"<td style=\"border-bottom:1px solid #eee;padding:3px 10px;text-align:right\">{WebUtility.HtmlEncode(text)}</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>A single object as a one-row table. (A separate name: an overload taking <c>T</c> would capture arrays.)</summary>
    public static string OneRow<T>(T row, string? title = null, string? format = null) => Html([row], title, format);

    /// <summary>A property name as a column header: words split at case changes, the first capitalised, the rest in
    /// lower case except acronyms ("QueriesToRepayFit" → "Queries to repay fit", "MeanARI" → "Mean ARI",
    /// "K" → "K").</summary>
    internal static string Header(string name)
    {
        if (name.Contains('_')) return string.Join("–", name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(Header));
        var words = System.Text.RegularExpressions.Regex.Matches(name, "[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+").Select(m => m.Value).ToList();
        if (words.Count == 0) return name;
        return string.Join(" ", words.Select((w, i) => i == 0 || (w.Length > 1 && w.All(char.IsUpper)) ? w : w.ToLowerInvariant()));
    }
}
