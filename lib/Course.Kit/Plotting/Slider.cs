using System.Globalization;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace Course.Plotting;

/// <summary>
/// A figure with a slider over precomputed frames: where an idea moves (Lloyd's iterations, DBSCAN's eps, a
/// perplexity), the learner drags the knob and watches the same chart change, as Distill's articles let a reader do.
/// Each frame is an ordinary chart of the kit with the same traces in the same order; plotly.js's frames and slider
/// animate between them offline, in a notebook and on the course site alike.
/// </summary>
public static class Slider
{
    /// <summary>The frames as one chart with a slider under it (and a play button with <paramref name="play"/>),
    /// showing <paramref name="start"/> first. Each frame's title becomes the chart's title while it is shown.</summary>
    /// <param name="knob">What the slider sets, shown beside its value ("eps", "iteration").</param>
    /// <param name="frames">The value of the knob and the chart at that value, in slider order (at least two).</param>
    /// <param name="start">The frame shown first. Default the first.</param>
    /// <param name="fixedAxes">Keep the axes' ranges over all frames (true), so movement is movement; false lets each
    /// frame take its own range (an embedding that grows as it is optimised).</param>
    /// <param name="play">Add a play button that steps through the frames.</param>
    /// <returns>HTML to show with <c>Kit.Html</c>.</returns>
    public static string Html(string knob, IReadOnlyList<(string Value, GenericChart Chart)> frames, int start = 0, bool fixedAxes = true, bool play = false)
    {
        ArgumentNullException.ThrowIfNull(knob);
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count < 2) throw new ArgumentException("a slider needs at least two frames.", nameof(frames));
        if (start < 0 || start >= frames.Count) throw new ArgumentOutOfRangeException(nameof(start), start, $"between 0 and {frames.Count - 1}.");
        var figures = frames.Select(f => OfflinePlotly.Figure(f.Chart)).ToList();
        foreach (var f in figures) foreach (var trace in f["data"]!.AsArray()) Compact(trace!.AsObject());
        // plotly.js matches a frame's traces to the chart's by position: frames with fewer traces (fewer clusters at
        // this value of the knob) get empty ones, or the traces they lack would keep the previous frame's points.
        int traces = figures.Max(f => f["data"]!.AsArray().Count);
        foreach (var f in figures)
            for (var data = f["data"]!.AsArray(); data.Count < traces;)
                data.Add(new JsonObject { ["type"] = "scatter", ["mode"] = "markers", ["x"] = new JsonArray(), ["y"] = new JsonArray(), ["showlegend"] = false, ["hoverinfo"] = "skip" });
        var layout = figures[start]["layout"]!.DeepClone().AsObject();
        if (fixedAxes)
            foreach (var axis in new[] { "x", "y" })
            {
                var values = figures.SelectMany(f => f["data"]!.AsArray()).SelectMany(t => t?[axis] is JsonArray a ? a : []).Select(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (double)v! : double.NaN).Where(double.IsFinite).ToList();
                if (values.Count == 0) continue;
                double lo = values.Min(), hi = values.Max(), pad = Math.Max(1e-9, (hi - lo) * 0.05);
                var axisNode = layout[axis + "axis"] as JsonObject ?? [];
                axisNode["range"] = new JsonArray(lo - pad, hi + pad);
                axisNode["autorange"] = false;
                layout[axis + "axis"] = axisNode.DeepClone();
            }
        int height = (int?)layout["height"] ?? 450;
        layout["height"] = height + 70;   // room under the plot for the slider
        var margin = layout["margin"] as JsonObject ?? [];
        margin["b"] = Math.Max((int?)margin["b"] ?? 80, 130);
        layout["margin"] = margin.DeepClone();
        string Name(int i) => "f" + i.ToString(CultureInfo.InvariantCulture);
        var steps = new JsonArray(frames.Select((f, i) => (JsonNode)new JsonObject
        {
            ["label"] = f.Value,
            ["method"] = "animate",
            ["args"] = new JsonArray(new JsonArray(Name(i)), Immediate(0)),
        }).ToArray());
        layout["sliders"] = new JsonArray(new JsonObject
        {
            ["active"] = start, ["steps"] = steps, ["pad"] = new JsonObject { ["t"] = 45, ["l"] = play ? 70 : 0 },
            ["currentvalue"] = new JsonObject { ["prefix"] = knob + ": ", ["font"] = new JsonObject { ["size"] = 13 } },
            ["len"] = play ? 0.88 : 1.0, ["x"] = play ? 0.12 : 0.0,
        });
        if (play)
            layout["updatemenus"] = new JsonArray(new JsonObject
            {
                ["type"] = "buttons", ["showactive"] = false, ["x"] = 0.0, ["y"] = 0.0, ["xanchor"] = "left", ["yanchor"] = "top", ["pad"] = new JsonObject { ["t"] = 55 },
                ["buttons"] = new JsonArray(
                    new JsonObject { ["label"] = "▶", ["method"] = "animate", ["args"] = new JsonArray(null, Immediate(600, fromCurrent: true)) },
                    new JsonObject { ["label"] = "❚❚", ["method"] = "animate", ["args"] = new JsonArray(new JsonArray((JsonNode?)null), Immediate(0)) }),
            });
        // A trace the same in every frame (the data behind a generator's points) is drawn once and left out of the
        // frames, which name the traces they change.
        var changing = Enumerable.Range(0, traces).Where(t => figures.Select(f => f["data"]![t]!.ToJsonString()).Distinct().Skip(1).Any()).ToList();
        var frameArray = new JsonArray(figures.Select((f, i) =>
        {
            var frame = new JsonObject
            {
                ["name"] = Name(i),
                ["data"] = new JsonArray(changing.Select(t => f["data"]![t]!.DeepClone()).ToArray()),
                ["traces"] = new JsonArray(changing.Select(t => (JsonNode)t).ToArray()),
            };
            var frameLayout = new JsonObject();
            if (f["layout"]?["title"] is { } title) frameLayout["title"] = title.DeepClone();
            if (!fixedAxes) { frameLayout["xaxis"] = new JsonObject { ["autorange"] = true }; frameLayout["yaxis"] = new JsonObject { ["autorange"] = true }; }
            frame["layout"] = frameLayout;
            return (JsonNode)frame;
        }).ToArray());
        string hex = Guid.NewGuid().ToString("N"), id = "slider-" + hex;
        return $"<div><div id=\"{id}\"></div><script type=\"text/javascript\">var renderPlotly_{hex} = function() {{\n" +
            $"    var data = {figures[start]["data"]!.ToJsonString()};\n" +
            $"    var layout = {layout.ToJsonString()};\n" +
            $"    var config = {OfflinePlotly.ToolbarJson()};\n" +
            $"    var frames = {frameArray.ToJsonString()};\n" +
            $"    Plotly.newPlot('{id}', {{ data: data, layout: layout, config: config, frames: frames }});\n}};\n" +
            $"(function wait() {{ if (window.Plotly) {{ renderPlotly_{hex}(); }} else {{ setTimeout(wait, 30); }} }})();</script></div>";
    }

    // Coordinates to 5 significant digits: what a reader can see or hover, at a third of the page weight of the 17
    // digits a double prints with (13 frames of 1,797 points were 1.6 MB).
    private static void Compact(JsonObject trace)
    {
        foreach (var key in new[] { "x", "y", "z" })
            if (trace[key] is JsonArray values)
                for (int i = 0; i < values.Count; i++)
                    if (values[i] is JsonValue v && v.TryGetValue<double>(out var d)) values[i] = Significant(d);
                    else if (values[i] is JsonArray row)
                        for (int j = 0; j < row.Count; j++)
                            if (row[j] is JsonValue w && w.TryGetValue<double>(out var e)) row[j] = Significant(e);
    }

    private static double Significant(double v)
    {
        if (v == 0 || !double.IsFinite(v)) return v;
        int digits = 4 - (int)Math.Floor(Math.Log10(Math.Abs(v)));
        return digits is >= 0 and <= 15 ? Math.Round(v, digits) : v;
    }

    // Animation settings for a step: jump at once (duration 0), redraw so titles and colours follow.
    private static JsonObject Immediate(int duration, bool fromCurrent = false)
    {
        var o = new JsonObject
        {
            ["mode"] = "immediate",
            ["frame"] = new JsonObject { ["duration"] = duration, ["redraw"] = true },
            ["transition"] = new JsonObject { ["duration"] = 0 },
        };
        if (fromCurrent) o["fromcurrent"] = true;
        return o;
    }
}
