using Course.Plotting;

namespace Course.Tests;

public class PlottingTests
{
    [Fact]
    public void Png_has_a_valid_signature_header_and_crc()
    {
        var png = Png.Encode(new byte[] { 0, 128, 255, 64 }, 2, 2, 1);
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        // Every PNG ends with the same IEND chunk, whose CRC is AE 42 60 82.
        Assert.Equal(new byte[] { 0, 0, 0, 0, 73, 69, 78, 68, 0xAE, 0x42, 0x60, 0x82 }, png[^12..]);
        Assert.Throws<ArgumentException>(() => Png.Encode(new byte[3], 2, 2, 1));
    }

    [Fact]
    public void Offline_chart_html_has_no_external_reference()
    {
        var chart = Charts.Clusters(Matrix.FromRows([[0, 0], [1, 1], [2, 0]]), [0, 1, 1], title: "t");
        var html = OfflinePlotly.ChartHtml(chart);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("window.Plotly", html);
        Assert.DoesNotContain("http", html.Replace("http://www.w3.org", ""));
        Assert.StartsWith("<script", OfflinePlotly.ScriptTag());
        Assert.True(OfflinePlotly.PlotlyJs.Length > 1_000_000);
    }

    [Fact]
    public void Bars_and_heatmaps_carry_their_data_and_reject_mismatched_shapes()
    {
        var bars = OfflinePlotly.ChartHtml(Charts.Bars("KL", "latent", "nats", ["z0", "z1"], ("a", [1.5, 2.5]), ("b", [0.25, 0.0])));
        Assert.Contains("\"type\":\"bar\"", bars);
        Assert.Contains("\"name\":\"a\"", bars);
        Assert.Contains("\"name\":\"b\"", bars);
        Assert.Contains("\"z1\"", bars);
        var heat = OfflinePlotly.ChartHtml(Charts.Heatmap("MI", [[0.1, 0.9], [0.3, 0.2]], ["z0", "z1"], ["x", "y"]));
        Assert.Contains("\"type\":\"heatmap\"", heat);
        Assert.Contains("0.9", heat);
        Assert.Equal("series", Assert.ThrowsAny<ArgumentException>(() => Charts.Bars("t", "x", "y", ["a", "b"], ("s", [1.0]))).ParamName);
        Assert.Equal("columnNames", Assert.ThrowsAny<ArgumentException>(() => Charts.Heatmap("t", [[1.0, 2.0]], ["r"], ["c"])).ParamName);
        Assert.Equal("values", Assert.ThrowsAny<ArgumentException>(() => Charts.Heatmap("t", [[1.0], null!], ["r", "s"], ["c"])).ParamName);
    }

    [Fact]
    public void Real_and_generated_points_share_one_scale_and_reject_bad_input()
    {
        var html = OfflinePlotly.ChartHtml(Charts.RealAndGenerated(Matrix.FromRows([[0, 0], [2, 1]]), Matrix.FromRows([[0.5, -0.25]]), "ring"));
        Assert.Contains("\"name\":\"data\"", html);
        Assert.Contains("\"name\":\"generated\"", html);
        Assert.Contains("-0.25", html);
        Assert.Contains("\"scaleanchor\":\"x\"", html);
        Assert.Equal("real", Assert.ThrowsAny<ArgumentException>(() => Charts.RealAndGenerated(Matrix.FromRows([[double.PositiveInfinity, 1]]), Matrix.FromRows([[1, 1]]))).ParamName);
        Assert.Equal("generated", Assert.ThrowsAny<ArgumentException>(() => Charts.RealAndGenerated(Matrix.FromRows([[1, 1]]), Matrix.FromRows([[1, double.NaN]]))).ParamName);
        Assert.Equal("generated", Assert.ThrowsAny<ArgumentException>(() => Charts.RealAndGenerated(Matrix.FromRows([[1, 1]]), Matrix.FromRows([[1.0]]))).ParamName);
        Assert.Contains("\"name\":\"pre-images\"", OfflinePlotly.ChartHtml(Charts.RealAndGenerated(Matrix.FromRows([[0, 0]]), Matrix.FromRows([[1, 1]]), generatedName: "pre-images")));
    }

    [Fact]
    public void A_cluster_panel_without_a_legend_keeps_its_label_colours_order_and_thin_margins()
    {
        var x = Matrix.FromRows([[0, 0], [1, 1], [5, 5]]);
        var withLegend = OfflinePlotly.ChartHtml(Charts.Clusters(x, [1, 0, -1]));
        var panel = OfflinePlotly.ChartHtml(Charts.Clusters(x, [1, 0, -1], legend: false));
        Assert.DoesNotContain("\"showlegend\":false", withLegend);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(panel, "\"showlegend\":false").Count);
        Assert.Contains("\"l\":30", panel);
        // Each label's colour is fixed by the label, so a panel with noise and one without colour label 0 alike.
        Assert.Contains("\"color\":\"#636efa\"", panel);
        Assert.Contains("\"color\":\"#ef553b\"", panel);
        var withoutNoise = OfflinePlotly.ChartHtml(Charts.Clusters(x, [1, 0, 0], legend: false));
        Assert.Contains("\"color\":\"#636efa\"", withoutNoise);
        // Traces in label order (noise first) either way.
        Assert.True(panel.IndexOf("\"name\":\"noise\"") < panel.IndexOf("\"name\":\"cluster 0\"") && panel.IndexOf("\"name\":\"cluster 0\"") < panel.IndexOf("\"name\":\"cluster 1\""));
    }

    [Fact]
    public void A_3d_scatter_draws_every_label_in_its_2d_colour_and_refuses_flat_data()
    {
        var x = Matrix.FromRows([[0, 0, 0], [1, 1, 2], [5, 5, 1]]);
        var html = OfflinePlotly.ChartHtml(Charts.Clusters3D(x, [1, 0, 1], labelNames: ["ring A", "ring B"]));
        Assert.Contains("\"type\":\"scatter3d\"", html);
        Assert.Contains("\"name\":\"ring A\"", html);
        Assert.Contains("\"name\":\"ring B\"", html);
        Assert.Contains("\"z\":[0.0,1.0]", html.Replace(" ", ""));
        Assert.Contains("\"color\":\"#636efa\"", html);
        Assert.Contains("\"aspectmode\":\"data\"", html);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Charts.Clusters3D(Matrix.FromRows([[0, 0], [1, 1]]), [0, 1])).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => Charts.Clusters3D(x, [0, 1])).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => Charts.Clusters3D(Matrix.FromRows([[0, 0, double.NaN]]), [0])).ParamName);
    }
}

public class TableTests
{
    [Fact]
    public void Table_has_a_header_per_property_and_formats_numbers_invariantly()
    {
        var html = Course.Plotting.Table.Html(new[] { new { Name = "a<b", Score = 0.123456 } }, "t", "F2");
        Assert.Contains(">Name</th>", html);
        Assert.Contains(">Score</th>", html);
        Assert.Contains(">a&lt;b</td>", html);
        Assert.Contains(">0.12</td>", html);
        Assert.DoesNotContain("SyncRoot", html); // an array is rows, not one object
        Assert.Contains(">7</td>", Course.Plotting.Table.OneRow(new { K = 7 }));
    }

    [Fact]
    public void A_pivot_puts_one_key_down_and_the_other_across_in_first_seen_order()
    {
        var items = new[] { ("random", 10, 0.41), ("random", 20, 0.57), ("k-means", 10, 0.61), ("k-means", 20, 0.72), ("x<y", 20, 0.5) };
        var html = Course.Plotting.Table.Pivot(items, i => i.Item2, i => i.Item1, i => i.Item3.ToString("F2"), "Labels", "t");
        var rows = System.Text.RegularExpressions.Regex.Matches(html, "<tr>(.*?)</tr>").Select(m => System.Text.RegularExpressions.Regex.Matches(m.Groups[1].Value, ">([^<]*)</t[hd]>").Select(c => c.Groups[1].Value).ToArray()).ToArray();
        Assert.Equal(["Labels", "random", "k-means", "x&lt;y"], rows[0]);
        Assert.Equal(["10", "0.41", "0.61", ""], rows[1]);   // no (10, x<y) item: an empty cell
        Assert.Equal(["20", "0.57", "0.72", "0.50"], rows[2]);
        Assert.Equal(3, rows.Length);
        Assert.Throws<ArgumentNullException>(() => Course.Plotting.Table.Pivot(items, null!, i => i.Item1, i => "", "Labels"));
    }

    [Fact]
    public void A_data_frame_shows_its_head_and_tail_with_its_size()
    {
        var frame = new Microsoft.Data.Analysis.DataFrame(
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("x", Enumerable.Range(0, 30).Select(i => i * 1.5)),
            new Microsoft.Data.Analysis.StringDataFrameColumn("name<", Enumerable.Range(0, 30).Select(i => $"r{i}")));
        var html = Course.Plotting.Table.Frame(frame, head: 3, tail: 2);
        var rows = System.Text.RegularExpressions.Regex.Matches(html, "<tr>(.*?)</tr>").Select(m => System.Text.RegularExpressions.Regex.Matches(m.Groups[1].Value, ">([^<]*)</t[hd]>").Select(c => c.Groups[1].Value).ToArray()).ToArray();
        Assert.Equal(["", "x", "name&lt;"], rows[0]);
        Assert.Equal(["0", "0", "r0"], rows[1]);
        Assert.Equal(["2", "3", "r2"], rows[3]);
        Assert.Equal(["…", "…", "…"], rows[4]);
        Assert.Equal(["28", "42", "r28"], rows[5]);
        Assert.Equal(["29", "43.5", "r29"], rows[6]);
        Assert.Equal(7, rows.Length);
        Assert.Contains("30 rows × 2 columns", System.Net.WebUtility.HtmlDecode(html));
        // A short frame shows every row and no ellipsis.
        Assert.DoesNotContain("…", Course.Plotting.Table.Frame(frame.Head(5), head: 3, tail: 2));
        Assert.Throws<ArgumentNullException>(() => Course.Plotting.Table.Frame(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Course.Plotting.Table.Frame(frame, head: -1));
    }
}
