using Plotly.NET;
using Plotly.NET.CSharp;

namespace Course.Plotting;

/// <summary>
/// A map-like scatter of [latitude, longitude] points in degrees, drawn offline (no map tiles): the points are
/// projected to kilometres east and north of their centre (equirectangular projection, accurate to well under 1% over
/// a city), and the figure is sized so one kilometre is as long on both axes. Hover shows each point's coordinates.
/// </summary>
public static class MapChart
{
    /// <summary>The points of <paramref name="latLonDegrees"/> (n x 2) coloured by <paramref name="labels"/> (-1 grey, "noise").</summary>
    public static GenericChart Chart(Matrix latLonDegrees, IReadOnlyList<int> labels, IReadOnlyList<string>? labelNames = null, string title = "", int width = 700)
    {
        Guard.Data(latLonDegrees, nameof(latLonDegrees));
        Guard.Columns(latLonDegrees, 2, nameof(latLonDegrees), "a [latitude, longitude] table");
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(latLonDegrees.Rows, labels.Count, nameof(labels));
        double lat0 = latLonDegrees.Column(0).Average(), lon0 = latLonDegrees.Column(1).Average();
        double kmPerDeg = Math.PI / 180 * Neighbors.Haversine.EarthRadiusKm, cos0 = Math.Cos(lat0 * Math.PI / 180);
        var km = new Matrix(latLonDegrees.Rows, 2);
        var hover = new string[km.Rows];
        for (int i = 0; i < km.Rows; i++)
        {
            double lat = latLonDegrees[i, 0], lon = latLonDegrees[i, 1];
            km[i, 0] = (lon - lon0) * kmPerDeg * cos0;
            km[i, 1] = (lat - lat0) * kmPerDeg;
            hover[i] = $"point {i}: {lat:F4}°, {lon:F4}°";
        }
        var east = km.Column(0); var north = km.Column(1);
        double spanX = east.Max() - east.Min() + 1, spanY = north.Max() - north.Min() + 1;
        // Legend and margins take about 230 px of width and 100 px of height; the rest keeps 1 km = 1 km.
        int height = (int)Math.Clamp((width - 230) * spanY / spanX + 100, 300, 1000);
        return Charts.Clusters(km, labels, null, title, labelNames, width, height, hover)
            .WithXAxisStyle<double, double, string>(TitleText: "km east of centre")
            .WithYAxisStyle<double, double, string>(TitleText: "km north of centre");
    }
}
