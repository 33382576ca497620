using System.Globalization;

namespace Course.Tests;

/// <summary>A CSV written by a script in <c>Reference/</c>: two data columns (x0, x1), then named columns of results.</summary>
public sealed class ReferenceData
{
    public Matrix X { get; }
    private readonly Dictionary<string, double[]> columns;

    private ReferenceData(Matrix x, Dictionary<string, double[]> columns)
    {
        X = x; this.columns = columns;
    }

    public static ReferenceData Load(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", name + ".csv"));
        var header = lines[0].Split(',');
        var values = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var x = Matrix.FromRows(values.Select(v => v[..2]).ToArray());
        var cols = Enumerable.Range(2, header.Length - 2).ToDictionary(c => header[c], c => values.Select(v => v[c]).ToArray());
        return new ReferenceData(x, cols);
    }

    public double[] Column(string name) => columns[name];

    public int[] Labels(string name) => columns[name].Select(v => (int)v).ToArray();
}
