using System.Globalization;
using System.Net;
using System.Text;

namespace Course.Plotting;

/// <summary>
/// Rows of any type (records, anonymous objects) as a plain HTML table, one column per public property. The notebook
/// kernel's default formatter nests anonymous objects in collapsed rows; lessons show results as tables instead.
/// </summary>
public static class Table
{
    /// <summary>The rows as an HTML table; numbers are printed with <paramref name="format"/> (default 4 significant digits).</summary>
    public static string Html<T>(IEnumerable<T> rows, string? title = null, string format = "G4")
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        // Rows typed as object (e.g. a List<object> of anonymous rows) take their columns from the first row.
        var type = typeof(T) == typeof(object) && list.Count > 0 && list[0] is { } first ? first.GetType() : typeof(T);
        var props = type.GetProperties().Where(p => p.GetIndexParameters().Length == 0).ToArray();
        var sb = new StringBuilder("<table class=\"course-table\" style=\"border-collapse:collapse;font-family:sans-serif;font-size:13px\">");
        if (title is not null) sb.Append($"<caption style=\"text-align:left;font-weight:bold\">{WebUtility.HtmlEncode(title)}</caption>");
        sb.Append("<thead><tr>");
        foreach (var p in props) sb.Append($"<th style=\"border-bottom:1px solid #999;padding:3px 10px;text-align:right\">{WebUtility.HtmlEncode(p.Name)}</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in list)
        {
            sb.Append("<tr>");
            foreach (var p in props)
            {
                var v = p.GetValue(row);
                string text = v switch
                {
                    double d => d.ToString(format, CultureInfo.InvariantCulture),
                    float f => f.ToString(format, CultureInfo.InvariantCulture),
                    IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
                    null => "",
                    _ => v.ToString() ?? "",
                };
                sb.Append($"<td style=\"border-bottom:1px solid #eee;padding:3px 10px;text-align:right\">{WebUtility.HtmlEncode(text)}</td>");
            }
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>A single object as a one-row table. (A separate name: an overload taking <c>T</c> would capture arrays.)</summary>
    public static string OneRow<T>(T row, string? title = null, string format = "G4") => Html([row], title, format);
}
