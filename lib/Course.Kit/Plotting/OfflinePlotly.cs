using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Course.Plotting;

/// <summary>
/// Plotly charts with no network: plotly.js comes from the copy embedded in Plotly.NET.dll (2.28.0) instead of a CDN,
/// emitted once per notebook or page, and each chart's HTML waits until it is there.
/// </summary>
/// <remarks>Plotly.NET.Interactive's formatter loads plotly.js and require.js from CDNs, which leaves charts blank
/// offline (lib/TOOLCHAIN.md). Our set-up cell registers <see cref="ChartHtml"/> as the HTML formatter instead.</remarks>
public static partial class OfflinePlotly
{
    /// <summary>Marker attribute on the one script element that carries plotly.js, so a renderer can hoist it.</summary>
    public const string ScriptMarker = "data-course-plotly";

    private static readonly Lazy<string> Js = new(() =>
    {
        var asm = typeof(GenericChart).Assembly;
        var name = asm.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var s = asm.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    });

    /// <summary>The minified plotly.js source embedded in Plotly.NET.</summary>
    public static string PlotlyJs => Js.Value;

    /// <summary>A <c>&lt;script&gt;</c> element defining <c>window.Plotly</c>, marked with <see cref="ScriptMarker"/>,
    /// whatever module loader the page has.</summary>
    /// <remarks>plotly.js is a UMD bundle: where an AMD loader is present (classic Jupyter Notebook and nbconvert's
    /// HTML export load require.js) it calls <c>define()</c> and never sets <c>window.Plotly</c>, so every chart would
    /// wait for it forever. Run inside a function whose parameters shadow <c>define</c>, <c>module</c> and
    /// <c>exports</c>, it takes its browser-global branch everywhere. The line break before the closing brace keeps a
    /// trailing line comment in the bundle from swallowing it.</remarks>
    public static string ScriptTag() =>
        $"<script type=\"text/javascript\" {ScriptMarker}=\"1\">(function (define, module, exports) {{\n{PlotlyJs}\n}}).call(window);</script>";

    /// <summary>The chart as an HTML fragment that draws once plotly.js is present (no external reference).</summary>
    public static string ChartHtml(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var html = WithoutDefaultTemplate(chart, GenericChart.toChartHTML, out bool stripped);
        html = ConfigLine().Replace(html, "    var config = " + ToolbarJson() + ";", 1);
        if (stripped) html = html.Replace("var layout = {", "var layout = {\"template\":" + TemplateJson.Value + (html.Contains("var layout = {}", StringComparison.Ordinal) ? "" : ","), StringComparison.Ordinal);
        // The generated fragment calls its render function at once; in a notebook the plotly.js output of the set-up
        // cell may still be loading, so poll for it instead.
        return RenderCall().Replace(html, m => $"(function wait() {{ if (window.Plotly) {{ {m.Groups[1].Value}(); }} else {{ setTimeout(wait, 30); }} }})();", 1);
    }

    /// <summary>The chart's figure (<c>data</c>, <c>layout</c>, <c>frames</c>) as plotly.js reads it, for figures the
    /// kit assembles itself (<see cref="Slider"/>).</summary>
    internal static JsonObject Figure(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figure = JsonNode.Parse(WithoutDefaultTemplate(chart, GenericChart.toFigureJson, out bool stripped))!.AsObject();
        if (stripped) figure["layout"]!["template"] = JsonNode.Parse(TemplateJson.Value);
        return figure;
    }

    // Plotly.NET puts a copy of its default template (ChartTemplates.plotly: the grey plot area, the white grid, the
    // colourway) into every chart's layout, and writing it out through DynamicObj took about 100 ms a chart where a
    // chart of 1,000 points without it takes 1 ms (2 cores, 2026-12-07): lesson 03's 90 charts spent 9 s on it. The
    // template is written once; a chart that carries it (compared structurally, about 2 ms) is written without it,
    // and the caller puts the cached JSON back. Charts with another template are written as they are.
    private static readonly Lazy<string> TemplateJson = new(() =>
    {
        var empty = Plotly.NET.CSharp.Chart.Point<double, double, string>(Array.Empty<double>(), Array.Empty<double>());
        return JsonNode.Parse(GenericChart.toFigureJson(empty))!["layout"]!["template"]!.ToJsonString();
    });

    private static string WithoutDefaultTemplate(GenericChart chart, Func<GenericChart, string> write, out bool stripped)
    {
        var layout = GenericChart.getLayout(chart);
        var template = layout.TryGetPropertyValue("template");
        stripped = FSharpOption<object>.get_IsSome(template) && template.Value.Equals(Defaults.DefaultTemplate);
        if (!stripped) return write(chart);
        // The layout belongs to the caller's chart: take the template out only while writing, one writer at a time.
        lock (layout)
        {
            layout.RemoveProperty("template");
            try { return write(chart); }
            finally { layout.SetProperty("template", template.Value); }
        }
    }

    // plotly.js's toolbar, cut to the buttons a reader uses (save as PNG, zoom, pan, reset) and shown only while the
    // mouse is on the chart: the full bar of 12 buttons was wider than a 230-pixel small multiple and sat over its title.
    private static readonly string[] RemovedButtons = ["zoomIn2d", "zoomOut2d", "autoScale2d", "lasso2d", "select2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian", "zoom3d", "orbitRotation", "tableRotation", "resetCameraLastSave3d", "hoverClosest3d"];

    /// <summary>The toolbar settings as plotly.js config JSON, for every chart and figure the kit writes (a chart's
    /// own config is replaced, as Plotly.NET's withConfig would).</summary>
    internal static string ToolbarJson() =>
        "{\"responsive\":true,\"displayModeBar\":\"hover\",\"displaylogo\":false,\"modeBarButtonsToRemove\":[" + string.Join(",", RemovedButtons.Select(b => $"\"{b}\"")) + "]}";

    [GeneratedRegex(@"^    var config = .*;$", RegexOptions.Multiline)]
    private static partial Regex ConfigLine();

    [GeneratedRegex(@"^(renderPlotly_[0-9a-f]+)\(\);", RegexOptions.Multiline)]
    private static partial Regex RenderCall();
}
