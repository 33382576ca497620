using System.Text;
using System.Text.RegularExpressions;
using Plotly.NET;

namespace Course.Plotting;

/// <summary>
/// An embedding you can read: a labelled scatter (<see cref="Charts.Clusters"/>) beside a panel that shows the image
/// of the point under the mouse. Plotly's hover labels cannot hold images, so the page keeps one PNG data URI per point
/// and a <c>plotly_hover</c> handler swaps it into the panel; everything is inline, so it works offline.
/// </summary>
public static partial class ImageScatter
{
    /// <summary>The scatter of <paramref name="embedding"/> (n x 2) coloured by <paramref name="labels"/>, and the image
    /// panel for <paramref name="images"/> (n rows of <c>height * width</c> values in [0, 1]).</summary>
    /// <remarks>About 0.4 kB of page per 28 x 28 image: a few thousand points stay well under a few megabytes.</remarks>
    public static string Html(Matrix embedding, IReadOnlyList<int> labels, Matrix images, int width, int height,
        string title = "", IReadOnlyList<string>? labelNames = null, int zoom = 4, int chartWidth = 560, int chartHeight = 480)
    {
        Guard.Data(embedding, nameof(embedding));
        Guard.Data(images, nameof(images));
        Guard.SameLength(embedding.Rows, images.Rows, nameof(images));
        if (images.Cols != width * height) throw new ArgumentException($"each image needs {width}x{height} = {width * height} values but images has {images.Cols} columns.", nameof(images));
        Guard.UnitInterval(images, nameof(images));
        string Name(int i) => labelNames is not null && labels[i] >= 0 && labels[i] < labelNames.Count ? labelNames[labels[i]] : $"{labels[i]}";
        var hover = Enumerable.Range(0, embedding.Rows).Select(i => $"#{i} {Name(i)}").ToArray();
        var chartHtml = OfflinePlotly.ChartHtml(Charts.Clusters(embedding, labels, title: title, labelNames: labelNames, width: chartWidth, height: chartHeight, hoverText: hover));
        string div = DivId().Match(chartHtml) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("Plotly.NET's chart HTML has no div id.");
        string id = "imgscatter-" + div;
        var uris = new StringBuilder("[");
        for (int i = 0; i < images.Rows; i++)
            uris.Append(i == 0 ? "\"" : ",\"").Append(Png.GreyDataUri(images.Row(i), width, height)).Append('"');
        uris.Append(']');
        return $"""
            <div style="display:flex;align-items:flex-start;gap:8px;font-family:sans-serif">
            <div>{chartHtml}</div>
            <div style="width:{width * zoom + 8}px;text-align:center;padding-top:60px"><img id="{id}-img" width="{width * zoom}" height="{height * zoom}" style="image-rendering:pixelated;border:1px solid #ccc;background:#eee"/>
            <div id="{id}-cap" style="font-size:12px">hover a point</div></div>
            </div>
            <script type="text/javascript">(function () {"{"}
              var images = {uris};
              function hook() {"{"}
                var plot = document.getElementById('{div}');
                if (!plot || !plot.on) {"{"} setTimeout(hook, 50); return; {"}"}
                plot.on('plotly_hover', function (e) {"{"}
                  var m = /#(\d+)/.exec(e.points[0].text || '');
                  if (!m) return;
                  document.getElementById('{id}-img').src = images[+m[1]];
                  document.getElementById('{id}-cap').textContent = e.points[0].text;
                {"}"});
              {"}"}
              hook();
            {"}"})();</script>
            """;
    }

    [GeneratedRegex("<div id=\"([^\"]+)\"")]
    private static partial Regex DivId();
}
