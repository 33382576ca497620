using System.Text.Json;
using System.Text.RegularExpressions;

namespace Course.Notebooks.Tests;

/// <summary>
/// Finds outputs of a rendered lesson that hide a failure as text: HTML markup shown as plain text (a display begun as
/// text and updated with HTML), an exception or stack trace, or the object dump of a chart (a chart formatted without
/// the kit's HTML formatter). Such an output renders "successfully" while the reader sees garbage.
/// </summary>
internal static partial class RenderedOutputs
{
    /// <summary>One line per problem: cell index, what is wrong, and the output's first characters.</summary>
    public static IReadOnlyList<string> Problems(string ipynbJson)
    {
        using var doc = JsonDocument.Parse(ipynbJson);
        var problems = new List<string>();
        int index = 0;
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            index++;
            if (!cell.TryGetProperty("outputs", out var outputs)) continue;
            foreach (var o in outputs.EnumerateArray())
            {
                string? text = o.GetProperty("output_type").GetString() switch
                {
                    "stream" => Joined(o.GetProperty("text")),
                    "error" => o.GetProperty("ename").GetString() + ": " + o.GetProperty("evalue").GetString(),
                    _ when o.TryGetProperty("data", out var data) && !data.TryGetProperty("text/html", out _) && data.TryGetProperty("text/plain", out var plain) => Joined(plain),
                    _ => null,
                };
                if (text is null) continue;
                foreach (var (what, pattern) in Patterns)
                    if (pattern.IsMatch(text)) problems.Add($"cell {index}: {what}: {text[..Math.Min(120, text.Length)].ReplaceLineEndings(" ")}");
            }
        }
        return problems;
    }

    private static string Joined(JsonElement e) => e.ValueKind == JsonValueKind.Array ? string.Concat(e.EnumerateArray().Select(x => x.GetString())) : e.GetString() ?? "";

    private static readonly (string What, Regex Pattern)[] Patterns =
    [
        ("HTML shown as text", Html()),
        ("an exception", Exception()),
        ("a chart's object dump", ChartDump()),
    ];

    [GeneratedRegex(@"<(div|script|table|span|svg|img)\b|&lt;(div|script|table)\b")]
    private static partial Regex Html();

    [GeneratedRegex(@"\b\w+Exception\b:|\n\s+at [\w.`<>]+\(")]
    private static partial Regex Exception();

    [GeneratedRegex(@"GenericChart|FSharpList<Trace>|Plotly\.NET\.|DynamicObj")]
    private static partial Regex ChartDump();
}

public class RenderedOutputsTests
{
    [Fact]
    public void The_render_guard_catches_html_as_text_exceptions_and_chart_dumps()
    {
        static string Display(string plain) => JsonSerializer.Serialize(new { cells = new[] { new { outputs = new object[] { new Dictionary<string, object> { ["output_type"] = "display_data", ["data"] = new Dictionary<string, string> { ["text/plain"] = plain } } } } } });
        static string Stream(string text) => JsonSerializer.Serialize(new { cells = new[] { new { outputs = new object[] { new Dictionary<string, object> { ["output_type"] = "stream", ["text"] = text } } } } });
        Assert.Single(RenderedOutputs.Problems(Display("<div class=\"course-image-grid\">")));
        Assert.Single(RenderedOutputs.Problems(Display("MultiChart data: FSharpList<Trace> HeadOrDefault")));
        Assert.Single(RenderedOutputs.Problems(Stream("System.InvalidOperationException: The input list was empty.\n   at Foo.Bar()")));
        Assert.Empty(RenderedOutputs.Problems(Stream("[exercise 01.1] passed: the assignment step. Well done.")));
    }
}
