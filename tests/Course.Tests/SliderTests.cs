using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Course.Plotting;
using Plotly.NET;

namespace Course.Tests;

/// <summary>Explorable figures and the chart writing under them: a slider's frames, image rows for its frames,
/// figures side by side, and Plotly.NET's default template written once rather than serialised per chart.</summary>
public partial class SliderTests
{
    private static readonly Matrix Grey = Matrix.FromRows([[0, 0], [1, 0.5], [2, 0.25], [3, 1]]);

    [Fact]
    public void Frames_carry_only_the_traces_that_change_and_pad_the_ones_a_frame_lacks()
    {
        // The grey data never moves; the red points do; the last frame has one trace fewer (a cluster gone).
        var moving = new[] { 0.5, 1.5, 2.5 }.Select(shift => Charts.RealAndGenerated(Grey, Matrix.FromRows([[shift, 1], [shift + 1, 2]]), $"shift {shift}")).ToList();
        var frames = moving.Select((c, i) => ($"{i}", c)).ToList();
        var figure = Figure(Slider.Html("shift", frames, start: 1));
        var parsed = figure.Frames;
        Assert.Equal(3, parsed.Count);
        foreach (var frame in parsed)
        {
            Assert.Equal([1], frame["traces"]!.AsArray().Select(t => (int)t!));   // only the generated points
            Assert.Single(frame["data"]!.AsArray());
        }
        Assert.Equal(1.5, (double)parsed[1]["data"]![0]!["x"]![0]!);
        Assert.Equal("shift 2.5", (string)parsed[2]["layout"]!["title"]!["text"]!);
        Assert.Equal(1, (int)figure.Layout["sliders"]![0]!["active"]!);
        // The chart starts at frame 1 with both traces.
        Assert.Equal(2, figure.Data.Count);

        // Fewer traces in a frame: it gets an empty one, or the previous frame's points would stay on screen.
        var clusters = new[] { new[] { 0, 1, 1, 0 }, new[] { 0, 0, 0, 0 } }.Select((labels, i) => ($"{i}", Charts.Clusters(Grey, labels, title: $"{i}"))).ToList();
        var padded = Figure(Slider.Html("k", clusters)).Frames;
        Assert.Equal(padded[0]["data"]!.AsArray().Count, padded[1]["data"]!.AsArray().Count);
        Assert.Empty(padded[1]["data"]!.AsArray().Last()!["x"]!.AsArray());
    }

    [Fact]
    public void A_slider_refuses_what_it_cannot_draw()
    {
        var one = new List<(string, GenericChart)> { ("a", Charts.RealAndGenerated(Grey, Grey)) };
        Assert.Equal("knob", Assert.Throws<ArgumentNullException>(() => Slider.Html(null!, one)).ParamName);
        Assert.Equal("frames", Assert.Throws<ArgumentNullException>(() => Slider.Html("k", null!)).ParamName);
        Assert.Equal("frames", Assert.Throws<ArgumentException>(() => Slider.Html("k", one)).ParamName);
        var two = new List<(string, GenericChart)>(one) { ("b", Charts.RealAndGenerated(Grey, Grey)) };
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => Slider.Html("k", two, start: 2)).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => Slider.Html("k", two, start: -1)).ParamName);
    }

    [Fact]
    public void Image_rows_stack_rows_of_images_with_blanks_where_a_row_is_shorter()
    {
        // Two 2x3 images (width 3, height 2) above one: values chosen so every pixel's place can be read back.
        var top = Matrix.FromRows([[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0.7, 0.8, 0.9, 0.15, 0.25, 0.35]]);
        var bottom = Matrix.FromRows([[0.45, 0.55, 0.65, 0.75, 0.85, 0.95]]);
        var z = Figure(OfflinePlotly.ChartHtml(Charts.ImageRows([top, bottom], width: 3, height: 2))).Data[0]!["z"]!.AsArray();
        // 2 rows of 2 pixels with a blank line between them; 2 images of 3 pixels with a blank column between them.
        Assert.Equal(5, z.Count);
        Assert.All(z, line => Assert.Equal(7, line!.AsArray().Count));
        double? At(int r, int c) => z[r]![c] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
        Assert.Equal(0.1, At(0, 0));
        Assert.Equal(0.6, At(1, 2));
        Assert.Equal(0.7, At(0, 4));     // the second image, after the blank column
        Assert.Equal(0.35, At(1, 6));
        Assert.Null(At(0, 3));           // the blank column
        Assert.All(z[2]!.AsArray(), v => Assert.Null(v is JsonValue j && j.TryGetValue<double>(out var d) ? d : null));   // the blank line
        Assert.Equal(0.45, At(3, 0));
        Assert.Equal(0.95, At(4, 2));
        Assert.Null(At(3, 4));           // the bottom row has no second image
        // One row is ImageRow.
        Assert.Equal(2, Figure(OfflinePlotly.ChartHtml(Charts.ImageRow(top, 3, 2))).Data[0]!["z"]!.AsArray().Count);

        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => Charts.ImageRows([], 3, 2)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => Charts.ImageRows([top, Matrix.FromRows([[1.0, 2]])], 3, 2)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => Charts.ImageRows([Matrix.FromRows([[0.1, double.NaN, 0, 0, 0, 0]])], 3, 2)).ParamName);
        Assert.Equal("images", Assert.Throws<ArgumentException>(() => Charts.ImageRow(Matrix.FromRows([[1.0, 2]]), 3, 2)).ParamName);
        Assert.Equal("max", Assert.Throws<ArgumentException>(() => Charts.ImageRows([top], 3, 2, min: 1, max: 1)).ParamName);
    }

    [Fact]
    public void Figures_side_by_side_wrap_rather_than_overflow_and_refuse_empty_ones()
    {
        var row = Panels.Row("<div>a</div>", "<div>b</div>");
        Assert.Contains("flex-wrap:wrap", row);
        Assert.True(row.IndexOf("<div>a</div>", StringComparison.Ordinal) < row.IndexOf("<div>b</div>", StringComparison.Ordinal));
        Assert.Equal("figures", Assert.Throws<ArgumentException>(() => Panels.Row(Array.Empty<string>())).ParamName);
        Assert.Equal("figures", Assert.Throws<ArgumentException>(() => Panels.Row("<div>a</div>", " ")).ParamName);
        Assert.Equal("figures", Assert.Throws<ArgumentNullException>(() => Panels.Row((string[])null!)).ParamName);
    }

    [Fact]
    public void The_default_template_is_written_once_and_charts_come_out_as_plotly_net_writes_them()
    {
        var chart = Charts.Clusters(Matrix.FromRows([[0, 0.5], [1, 1.25], [2, 0.75]]), [0, 1, 1], title: "three points");
        var ours = Figure(OfflinePlotly.ChartHtml(chart));
        var theirs = JsonNode.Parse(GenericChart.toFigureJson(chart))!;
        Assert.True(JsonNode.DeepEquals(theirs["layout"], ours.Layout), "the layout differs from Plotly.NET's");
        Assert.True(JsonNode.DeepEquals(theirs["data"], ours.Data), "the traces differ from Plotly.NET's");
        // The kit's toolbar: four buttons, shown on hover, the same in a chart and in a slider.
        var config = Variable("config").Match(OfflinePlotly.ChartHtml(chart)).Groups[1].Value;
        Assert.Equal(OfflinePlotly.ToolbarJson(), config);
        Assert.Equal("hover", (string)JsonNode.Parse(config)!["displayModeBar"]!);
        Assert.Contains("var config = " + OfflinePlotly.ToolbarJson() + ";", Slider.Html("k", [("a", chart), ("b", chart)]));
        // The chart keeps its template (it was taken out only while writing), so it is written the same way twice.
        Assert.True(JsonNode.DeepEquals(ours.Layout, Figure(OfflinePlotly.ChartHtml(chart)).Layout));
        Assert.True(JsonNode.DeepEquals(theirs, JsonNode.Parse(GenericChart.toFigureJson(chart))));
        // Every chart writes the template in the same words, so a page can define it once (Course.Notebooks' Rendering).
        var other = Charts.RealAndGenerated(Grey, Grey);
        Assert.Equal(ours.Layout["template"]!.ToJsonString(), Figure(OfflinePlotly.ChartHtml(other)).Layout["template"]!.ToJsonString());
        Assert.Contains("\"template\":" + ours.Layout["template"]!.ToJsonString(), OfflinePlotly.ChartHtml(other));
        // A chart with another template keeps it.
        var dark = Plotly.NET.Chart.withTemplate(ChartTemplates.dark).Invoke(Charts.RealAndGenerated(Grey, Grey));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GenericChart.toFigureJson(dark))!["layout"]!["template"], Figure(OfflinePlotly.ChartHtml(dark)).Layout["template"]));
        Assert.False(JsonNode.DeepEquals(theirs["layout"]!["template"], Figure(OfflinePlotly.ChartHtml(dark)).Layout["template"]));
    }

    private sealed record Parsed(JsonArray Data, JsonObject Layout, List<JsonNode> Frames);

    // The data, layout and frames a chart's or slider's script hands to Plotly.newPlot.
    private static Parsed Figure(string html)
    {
        JsonNode? Var(string name) => Variable(name).Match(html) is { Success: true } m ? JsonNode.Parse(m.Groups[1].Value) : null;
        return new Parsed(Var("data")!.AsArray(), Var("layout")!.AsObject(), Var("frames")?.AsArray().Select(f => f!).ToList() ?? []);
    }

    private static Regex Variable(string name) => new($@"var {name} = (.*);\n");

}
